// The shared store: Redis, so every replica serves what any replica read. Redis is an optimisation
// here, never a dependency of a request: while it does not answer, the process's own memory serves
// (shared/redis-fallback.ts: nothing waits for Redis, one warning per outage, one line when it is back).
import type { Redis } from "ioredis";

import type { RedisFallback } from "../shared/redis-fallback.js";
import { decodeStoredRead, encodeStoredRead, type ResponseStore, type StoredRead } from "./response-store.js";

export interface RedisStoreOptions {
  /** An ioredis client owned by the caller (not closed here) whose commands fail fast while Redis is away. */
  redis: Redis;
  /** Prefix of every key (tests use a random one: the Redis is shared). */
  keyPrefix: string;
  /** Serves while Redis is unreachable. */
  local: ResponseStore;
  fallback: RedisFallback;
}

export class RedisResponseStore implements ResponseStore {
  constructor(private readonly options: RedisStoreOptions) {}

  get(key: string): Promise<StoredRead | undefined> {
    const { redis, keyPrefix, local, fallback } = this.options;
    return fallback.run(
      async () => {
        const text = await redis.get(keyPrefix + key);
        return text === null ? undefined : decodeStoredRead(text);
      },
      () => local.get(key),
    );
  }

  set(entries: readonly (readonly [string, StoredRead])[], ttlSeconds: number): Promise<void> {
    const { redis, keyPrefix, local, fallback } = this.options;
    return fallback.run(
      async () => {
        const batch = redis.multi();
        for (const [key, read] of entries)
          batch.set(keyPrefix + key, encodeStoredRead(read), "EX", ttlSeconds);
        await batch.exec();
      },
      () => local.set(entries, ttlSeconds),
    );
  }

  close(): Promise<void> {
    return this.options.local.close();
  }
}
