// Builds the upstream clients from plain options (the server's config module reads the environment).
import type { Redis } from "ioredis";
import type { Logger } from "pino";

import { CallBudget } from "../budget/call-budget.js";
import type { OrderSourceName } from "../shared/order-source.js";
import { RedisFallback } from "../shared/redis-fallback.js";
import type { UpstreamCache } from "../cache/index.js";
import { mergeHttpTuning, type UpstreamHttpTuning } from "./http/tuning.js";
import { wechatCredentialIdentity, type AccessTokenTuning, type WechatCredentials } from "./wechat/auth.js";
import { MiniStoreClient } from "./wechat/client.js";
import {
  FallbackTokenStore,
  MemoryTokenStore,
  RedisTokenStore,
  type TokenStore,
} from "./wechat/token-store.js";
import { Weixin12315Client } from "./weixin12315/client.js";

/** The configured sources; an absent one fails its calls with `SourceNotConfiguredError`. */
export interface UpstreamSources {
  miniStore?: MiniStoreClient;
  weixin12315?: Weixin12315Client;
}

export interface UpstreamSourcesOptions {
  logger: Logger;
  /** Tuning for both sources; each source's own `http` wins field by field. */
  http?: UpstreamHttpTuning;
  /**
   * With a Redis client (owned by the caller), replicas share one WeChat token and refresh lock, and the
   * call budgets; while Redis is down each falls back to this process.
   */
  redis?: Redis;
  /** Per-minute call budgets (shared through `redis`); a per-minute quota answer holds calls even without one. */
  budget?: UpstreamBudgetOptions;
  /** Response cache and single-flight shared by both sources (default: none). */
  cache?: UpstreamCache | undefined;
  miniStore?: {
    /** Default `https://api.weixin.qq.com`. */
    baseUrl?: string;
    credentials: WechatCredentials;
    /** Redis key prefix for the shared token; default `weixin-orders-subgraph:wechat-token:<appid>`. */
    tokenKeyPrefix?: string;
    token?: AccessTokenTuning;
    http?: UpstreamHttpTuning;
  };
  weixin12315?: {
    /** Default `https://openapi.weixin12315.com`. */
    baseUrl?: string;
    appId: string;
    appSecret: string;
    http?: UpstreamHttpTuning;
  };
}

export interface UpstreamBudgetOptions {
  /** Calls per minute for the whole fleet, per source; an absent source has no limit. */
  callsPerMinute: Partial<Record<OrderSourceName, number>>;
  /** Longest a call waits for its budget before it fails as UPSTREAM_RATE_LIMITED, unsent. */
  maxWaitMs: number;
}

const NO_BUDGET: UpstreamBudgetOptions = { callsPerMinute: {}, maxWaitMs: 0 };

export function createUpstreamSources(options: UpstreamSourcesOptions): UpstreamSources {
  const { miniStore, weixin12315, logger, redis, cache } = options;
  const budget = (source: OrderSourceName, identity: string) => {
    const { callsPerMinute, maxWaitMs } = options.budget ?? NO_BUDGET;
    return new CallBudget({
      source,
      callsPerMinute: callsPerMinute[source],
      maxWaitMs,
      keyPrefix: `weixin-orders-subgraph:budget:${source}:${identity}`,
      logger,
      ...(redis ? { redis } : {}),
    });
  };
  return {
    ...(miniStore && {
      miniStore: new MiniStoreClient({
        baseUrl: miniStore.baseUrl,
        credentials: miniStore.credentials,
        tokenStore: tokenStore(
          redis,
          logger,
          miniStore.tokenKeyPrefix ?? defaultTokenKeyPrefix(miniStore.credentials),
        ),
        token: miniStore.token,
        logger,
        cache,
        http: mergeHttpTuning(options.http, miniStore.http),
        budget: budget("MINI_STORE", wechatCredentialIdentity(miniStore.credentials)),
      }),
    }),
    ...(weixin12315 && {
      weixin12315: new Weixin12315Client({
        baseUrl: weixin12315.baseUrl,
        appId: weixin12315.appId,
        appSecret: weixin12315.appSecret,
        logger,
        cache,
        http: mergeHttpTuning(options.http, weixin12315.http),
        budget: budget("WEIXIN12315", weixin12315.appId),
      }),
    }),
  };
}

/** Shared through Redis (this process while Redis is down), or this process only. */
function tokenStore(redis: Redis | undefined, logger: Logger, keyPrefix: string): TokenStore {
  if (!redis) return new MemoryTokenStore();
  return new FallbackTokenStore(
    new RedisTokenStore({ redis, keyPrefix }),
    new RedisFallback({ redis, logger, what: "WeChat access token store" }),
  );
}

/** Closes every client's connection pool. */
export async function closeUpstreamSources(sources: UpstreamSources): Promise<void> {
  await Promise.all([sources.miniStore?.close(), sources.weixin12315?.close()]);
}

function defaultTokenKeyPrefix(credentials: WechatCredentials): string {
  return `weixin-orders-subgraph:wechat-token:${wechatCredentialIdentity(credentials)}`;
}
