// Cross-cutting: the upstream read cache (memory LRU by bytes, or Redis shared by replicas with a
// fallback to memory) and single-flight. Imports only shared/ and telemetry/.
import { MemoryResponseStore } from "./memory-store.js";
import { RedisResponseStore } from "./redis-store.js";
import { UpstreamCache } from "./upstream-cache.js";

export { UpstreamCache, type CachePolicy, type CachedBody } from "./upstream-cache.js";

export interface UpstreamCacheOptions {
  /** Freshness; 0 turns the store off (single-flight stays). */
  ttlSeconds: number;
  /** Bound of the in-process store (and of the fallback while Redis is away). */
  maxBytes: number;
  redis?: { url: string; keyPrefix: string; commandTimeoutMs?: number } | undefined;
  logger: { warn(fields: object, message: string): void; info(message: string): void };
}

export function createUpstreamCache(options: UpstreamCacheOptions): UpstreamCache {
  if (options.ttlSeconds === 0) return new UpstreamCache(undefined, 0);
  const memory = new MemoryResponseStore(options.maxBytes);
  const { redis, logger } = options;
  const store = redis
    ? new RedisResponseStore({
        url: redis.url,
        keyPrefix: redis.keyPrefix,
        fallback: memory,
        commandTimeoutMs: redis.commandTimeoutMs ?? 250,
        warn: (message, err) => logger.warn({ err }, message),
        info: (message) => logger.info(message),
      })
    : memory;
  return new UpstreamCache(store, options.ttlSeconds);
}
