// The in-process store: an LRU bounded by bytes (lru-cache's maxSize + sizeCalculation), each entry
// expiring after the cache's freshness. An entry's bytes are its text and what readers keep decoded
// beside it (a list read's rows: about twice its text), so the bound is the heap the cache holds.
import { LRUCache } from "lru-cache";

import type { ResponseStore, StoredRead } from "./response-store.js";

/** JavaScript strings are UTF-16 (bodies with Chinese text are two bytes a character), plus the key, bookkeeping and the decoded value. */
const bytesOf = (read: StoredRead, key: string) =>
  2 * (read.body.length + read.round.length + key.length) + 64 + (read.decodedBytes ?? 0);

export class MemoryResponseStore implements ResponseStore {
  private readonly lru: LRUCache<string, StoredRead>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, StoredRead>({ maxSize: maxBytes, sizeCalculation: bytesOf });
  }

  async get(key: string): Promise<StoredRead | undefined> {
    return this.lru.get(key);
  }

  async set(entries: readonly (readonly [string, StoredRead])[], ttlSeconds: number): Promise<void> {
    for (const [key, read] of entries) this.lru.set(key, read, { ttl: ttlSeconds * 1000 });
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
