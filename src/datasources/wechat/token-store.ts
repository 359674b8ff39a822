// Where the WeChat access token lives. With Redis every replica shares one token and one refresh lock,
// because a new classic token invalidates the previous one: replicas refreshing on their own would keep
// invalidating each other (the multi-server failure several WeChat SDKs are known for).
import { randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { z } from "zod";

import type { RedisFallback } from "../../shared/redis-fallback.js";

export interface StoredAccessToken {
  accessToken: string;
  /** When WeChat stops accepting it (epoch ms). */
  expiresAt: number;
  /** When a replica should fetch a new one (epoch ms, before `expiresAt`). */
  refreshAt: number;
}

/** The right to fetch a token; only its holder can release it. */
export interface TokenLock {
  release(): Promise<void>;
}

export interface TokenStore {
  /** The shared token, or null when there is none (or it has expired). */
  get(): Promise<StoredAccessToken | null>;
  set(token: StoredAccessToken): Promise<void>;
  /** Deletes the shared token only if it is still `accessToken` (someone may have replaced it already). */
  invalidate(accessToken: string): Promise<void>;
  /** Becomes the one refresher for `ttlMs`, or null when another holder has the lock. */
  tryLock(ttlMs: number): Promise<TokenLock | null>;
}

/** One process: the default. */
export class MemoryTokenStore implements TokenStore {
  private token: StoredAccessToken | null = null;
  private lock: { owner: string; until: number } | null = null;

  async get(): Promise<StoredAccessToken | null> {
    if (this.token && this.token.expiresAt <= Date.now()) this.token = null;
    return this.token;
  }

  async set(token: StoredAccessToken): Promise<void> {
    this.token = token;
  }

  async invalidate(accessToken: string): Promise<void> {
    if (this.token?.accessToken === accessToken) this.token = null;
  }

  async tryLock(ttlMs: number): Promise<TokenLock | null> {
    if (this.lock && this.lock.until > Date.now()) return null;
    const owner = randomUUID();
    this.lock = { owner, until: Date.now() + ttlMs };
    return {
      release: async () => {
        if (this.lock?.owner === owner) this.lock = null;
      },
    };
  }
}

const storedToken = z.object({
  accessToken: z.string().min(1),
  expiresAt: z.number(),
  refreshAt: z.number(),
});

/** Deletes KEYS[1] only when it still holds ARGV[1]: a lock is released by its owner alone. */
const RELEASE_LOCK = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;

/** Deletes the token at KEYS[1] only when it is still the access token ARGV[1]. */
const INVALIDATE_TOKEN = `local v = redis.call("get", KEYS[1])
if v and cjson.decode(v).accessToken == ARGV[1] then return redis.call("del", KEYS[1]) end
return 0`;

export interface RedisTokenStoreOptions {
  /** An ioredis client owned by the caller (not closed here). */
  redis: Redis;
  /** Key prefix, unique per appid: `<prefix>:token` and `<prefix>:lock`. */
  keyPrefix: string;
}

/** Shared by all replicas: the token under `<prefix>:token`, the refresh lock (SET NX PX) under `<prefix>:lock`. */
export class RedisTokenStore implements TokenStore {
  private readonly redis: Redis;
  private readonly tokenKey: string;
  private readonly lockKey: string;

  constructor(options: RedisTokenStoreOptions) {
    this.redis = options.redis;
    this.tokenKey = `${options.keyPrefix}:token`;
    this.lockKey = `${options.keyPrefix}:lock`;
  }

  async get(): Promise<StoredAccessToken | null> {
    const text = await this.redis.get(this.tokenKey);
    if (text === null) return null;
    try {
      return storedToken.parse(JSON.parse(text));
    } catch {
      return null; // an unreadable entry is as good as none: it will be replaced
    }
  }

  async set(token: StoredAccessToken): Promise<void> {
    const ttlMs = Math.max(1, Math.ceil(token.expiresAt - Date.now()));
    await this.redis.set(this.tokenKey, JSON.stringify(token), "PX", ttlMs);
  }

  async invalidate(accessToken: string): Promise<void> {
    await this.redis.eval(INVALIDATE_TOKEN, 1, this.tokenKey, accessToken);
  }

  async tryLock(ttlMs: number): Promise<TokenLock | null> {
    const owner = randomUUID();
    const taken = await this.redis.set(this.lockKey, owner, "PX", Math.max(1, Math.ceil(ttlMs)), "NX");
    if (taken !== "OK") return null;
    return {
      release: async () => {
        await this.redis.eval(RELEASE_LOCK, 1, this.lockKey, owner);
      },
    };
  }
}

/**
 * The Redis store while Redis answers, this process's own store while it does not (one warning per
 * outage): a replica then fetches and keeps its own token instead of failing every WeChat call.
 */
export class FallbackTokenStore implements TokenStore {
  private readonly local = new MemoryTokenStore();

  constructor(
    private readonly shared: RedisTokenStore,
    private readonly fallback: RedisFallback,
  ) {}

  get(): Promise<StoredAccessToken | null> {
    return this.fallback.run(
      () => this.shared.get(),
      () => this.local.get(),
    );
  }

  async set(token: StoredAccessToken): Promise<void> {
    // Kept locally too: a token fetched while Redis answered survives its going away.
    await this.local.set(token);
    await this.fallback.run(
      () => this.shared.set(token),
      async () => undefined,
    );
  }

  async invalidate(accessToken: string): Promise<void> {
    await this.local.invalidate(accessToken);
    await this.fallback.run(
      () => this.shared.invalidate(accessToken),
      async () => undefined,
    );
  }

  tryLock(ttlMs: number): Promise<TokenLock | null> {
    return this.fallback.run(
      () => this.shared.tryLock(ttlMs),
      () => this.local.tryLock(ttlMs),
    );
  }
}
