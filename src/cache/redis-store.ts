// The shared store: Redis, so every replica serves what any replica read. Redis is an optimisation
// here, never a dependency of a request: commands time out fast, nothing queues while it is away,
// and meanwhile the process's own memory serves (one warning when it goes, one line when it is back).
import { Redis } from "ioredis";

import { decodeStoredRead, encodeStoredRead, type ResponseStore, type StoredRead } from "./response-store.js";

export interface RedisStoreOptions {
  url: string;
  /** Prefix of every key (tests use a random one: the Redis is shared). */
  keyPrefix: string;
  /** Serves while Redis is unreachable. */
  fallback: ResponseStore;
  /** Bound of one Redis command; a request never waits longer on the cache. */
  commandTimeoutMs: number;
  warn: (message: string, error?: unknown) => void;
  info: (message: string) => void;
}

export class RedisResponseStore implements ResponseStore {
  private readonly redis: Redis;
  private down = false;
  private closing = false;

  constructor(private readonly options: RedisStoreOptions) {
    this.redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: options.commandTimeoutMs * 4,
      // While disconnected, commands fail at once instead of waiting in a queue.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Keep trying to reconnect in the background, at most once a second.
      retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    });
    this.redis.on("error", (error: Error) => this.wentDown(error));
    // A connection that was up and closed: Redis went away (before any reconnect attempt fails).
    this.redis.on("close", () => {
      if (!this.closing) this.wentDown(new Error("connection closed"));
    });
    this.redis.on("ready", () => {
      if (!this.down) return;
      this.down = false;
      this.options.info("upstream cache: Redis is back; the cache is shared again");
    });
  }

  async get(key: string): Promise<StoredRead | undefined> {
    if (this.down || this.redis.status !== "ready") return this.options.fallback.get(key);
    try {
      const text = await this.redis.get(key);
      return text === null ? undefined : decodeStoredRead(text);
    } catch (error) {
      this.wentDown(error);
      return this.options.fallback.get(key);
    }
  }

  async set(entries: readonly (readonly [string, StoredRead])[], ttlSeconds: number): Promise<void> {
    if (this.down || this.redis.status !== "ready") return this.options.fallback.set(entries, ttlSeconds);
    try {
      const batch = this.redis.multi();
      for (const [key, read] of entries) batch.set(key, encodeStoredRead(read), "EX", ttlSeconds);
      await batch.exec();
    } catch (error) {
      this.wentDown(error);
      await this.options.fallback.set(entries, ttlSeconds);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.redis.disconnect();
    await this.options.fallback.close();
  }

  private wentDown(error: unknown) {
    if (this.down) return;
    this.down = true;
    this.options.warn("upstream cache: Redis unreachable; caching in this process until it is back", error);
  }
}
