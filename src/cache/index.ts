// Cross-cutting: the upstream read cache (memory LRU by bytes, or Redis shared by replicas with a
// fallback to memory) and single-flight. Imports only shared/ and telemetry/.
import type { Redis } from "ioredis";

import { RedisFallback, type FallbackLogger } from "../shared/redis-fallback.js";
import { MemoryResponseStore } from "./memory-store.js";
import { RedisResponseStore } from "./redis-store.js";
import { UpstreamCache } from "./upstream-cache.js";

export { UpstreamCache, type CachePolicy, type CachedBody } from "./upstream-cache.js";

export interface UpstreamCacheOptions {
  /** Freshness; 0 turns the store off (single-flight stays). */
  ttlSeconds: number;
  /** Bound of the in-process store (and of the fallback while Redis is away). */
  maxBytes: number;
  /** The process's Redis client (owned by the caller, as for the token store and the budgets), and the cache's key prefix. */
  redis?: { client: Redis; keyPrefix: string } | undefined;
  logger: FallbackLogger;
}

export function createUpstreamCache(options: UpstreamCacheOptions): UpstreamCache {
  if (options.ttlSeconds === 0) return new UpstreamCache(undefined, 0);
  const memory = new MemoryResponseStore(options.maxBytes);
  const { redis, logger } = options;
  const store = redis
    ? new RedisResponseStore({
        redis: redis.client,
        keyPrefix: redis.keyPrefix,
        local: memory,
        fallback: new RedisFallback({ redis: redis.client, logger, what: "upstream cache" }),
      })
    : memory;
  return new UpstreamCache(store, options.ttlSeconds);
}
