// Builds the upstream clients from plain options (the server's config module reads the environment).
import type { Redis } from "ioredis";
import type { Logger } from "pino";

import type { UpstreamCache } from "../cache/index.js";
import { mergeHttpTuning, type UpstreamHttpTuning } from "./http/tuning.js";
import type { AccessTokenTuning, WechatCredentials } from "./wechat/auth.js";
import { MiniStoreClient } from "./wechat/client.js";
import { MemoryTokenStore, RedisTokenStore } from "./wechat/token-store.js";
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
  /** With a Redis client (owned by the caller), replicas share one WeChat token and refresh lock. */
  redis?: Redis;
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

export function createUpstreamSources(options: UpstreamSourcesOptions): UpstreamSources {
  const { miniStore, weixin12315, logger, redis, cache } = options;
  return {
    ...(miniStore && {
      miniStore: new MiniStoreClient({
        baseUrl: miniStore.baseUrl,
        credentials: miniStore.credentials,
        tokenStore: redis
          ? new RedisTokenStore({
              redis,
              keyPrefix: miniStore.tokenKeyPrefix ?? defaultTokenKeyPrefix(miniStore.credentials),
            })
          : new MemoryTokenStore(),
        token: miniStore.token,
        logger,
        cache,
        http: mergeHttpTuning(options.http, miniStore.http),
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
      }),
    }),
  };
}

/** Closes every client's connection pool. */
export async function closeUpstreamSources(sources: UpstreamSources): Promise<void> {
  await Promise.all([sources.miniStore?.close(), sources.weixin12315?.close()]);
}

function defaultTokenKeyPrefix(credentials: WechatCredentials): string {
  return `weixin-orders-subgraph:wechat-token:${credentials.mode === "static" ? "static" : credentials.appid}`;
}
