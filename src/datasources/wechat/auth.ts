// The WeChat access token: which endpoint issues it, how long it is used, and who may fetch a new one.
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import type { Logger } from "pino";
import { z } from "zod";

import { observeTokenRefresh } from "../../telemetry/index.js";
import { UpstreamError, UpstreamUnavailableError } from "../errors.js";
import type { UpstreamRequest, UpstreamSend } from "../http/upstream-client.js";
import { wireInt } from "../wire-primitives.js";
import { MemoryTokenStore, type StoredAccessToken, type TokenStore } from "./token-store.js";

/** `static`: a token managed elsewhere; `stable`: `POST /cgi-bin/stable_token` (default); `classic`: `GET /cgi-bin/token`. */
export type WechatTokenMode = "static" | "stable" | "classic";

export type WechatCredentials =
  { mode: "static"; accessToken: string } | { mode: "stable" | "classic"; appid: string; secret: string };

/**
 * Whose quota, token and cached reads these are: the appid, or for a static token (no appid to tell)
 * a short digest of the token, never the token itself.
 */
export function wechatCredentialIdentity(credentials: WechatCredentials): string {
  return credentials.mode === "static"
    ? `token-${createHash("sha256").update(credentials.accessToken).digest("hex").slice(0, 16)}`
    : credentials.appid;
}

export interface AccessTokenTuning {
  /** Refresh this long before expiry (capped at half the token's lifetime). Default 5 minutes. */
  refreshMarginMs?: number;
  /** How long the refresh lock is held at most. Default 30 s. */
  lockTtlMs?: number;
  /** How often a caller that lost the lock looks for the winner's token. Default 50 ms. */
  lockPollMs?: number;
}

export interface AccessTokenProviderOptions extends AccessTokenTuning {
  credentials: WechatCredentials;
  /** Sends token requests through the Mini Store client's pool, retries and breaker. */
  send: UpstreamSend;
  /** Where the token is shared; default: this process only. */
  store?: TokenStore;
  logger: Logger;
}

const TOKEN_STORE = { source: "MINI_STORE", endpoint: "token-store" } as const;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: wireInt.refine((seconds) => seconds > 0, "expires_in must be positive"),
});

/**
 * Hands out a valid access token: cached, refreshed before expiry, one refresh at a time however many
 * callers (single-flight in the process, a store lock across replicas; a caller that loses the lock
 * waits for the winner's token instead of fetching its own).
 */
export class AccessTokenProvider {
  private readonly credentials: WechatCredentials;
  private readonly send: UpstreamSend;
  private readonly store: TokenStore;
  private readonly logger: Logger;
  private readonly refreshMarginMs: number;
  private readonly lockTtlMs: number;
  private readonly lockPollMs: number;
  private local: StoredAccessToken | undefined;
  private inflight: Promise<StoredAccessToken> | undefined;

  constructor(options: AccessTokenProviderOptions) {
    this.credentials = options.credentials;
    this.send = options.send;
    this.store = options.store ?? new MemoryTokenStore();
    this.logger = options.logger;
    this.refreshMarginMs = options.refreshMarginMs ?? 300_000;
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.lockPollMs = options.lockPollMs ?? 50;
  }

  /** False for a static token: a rejected static token cannot be replaced here. */
  get canRefresh(): boolean {
    return this.credentials.mode !== "static";
  }

  async getToken(): Promise<string> {
    if (this.credentials.mode === "static") return this.credentials.accessToken;
    if (this.local && Date.now() < this.local.refreshAt) return this.local.accessToken;
    this.inflight ??= this.obtain()
      .catch((error: unknown) => {
        throw error instanceof UpstreamError ? error : this.storeFailure(error);
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return (await this.inflight).accessToken;
  }

  /**
   * Forgets `failedToken` after WeChat rejected it — only if it is still the current one: another
   * caller or replica may already have replaced it, and that newer token must survive.
   */
  async invalidate(failedToken: string): Promise<void> {
    if (!this.canRefresh) return;
    if (this.local?.accessToken === failedToken) this.local = undefined;
    try {
      await this.store.invalidate(failedToken);
    } catch (error) {
      // Not fatal: at worst the retry meets the same rejected token and fails as UPSTREAM_AUTH_FAILED.
      this.logger.warn({ err: this.storeFailure(error) }, "could not invalidate the shared access token");
    }
  }

  private async obtain(): Promise<StoredAccessToken> {
    const giveUpAt = Date.now() + 2 * this.lockTtlMs;
    for (;;) {
      const shared = await this.store.get();
      if (shared && Date.now() < shared.refreshAt) return (this.local = shared);
      const lock = await this.store.tryLock(this.lockTtlMs);
      if (lock) {
        try {
          // Someone may have stored a token between our read and our lock.
          const latest = await this.store.get();
          if (latest && Date.now() < latest.refreshAt) return (this.local = latest);
          const fresh = await this.fetch();
          await this.store.set(fresh);
          return (this.local = fresh);
        } finally {
          // A lock that cannot be released expires on its own (lockTtlMs).
          await lock.release().catch((error: unknown) => {
            this.logger.warn({ err: this.storeFailure(error) }, "could not release the access token lock");
          });
        }
      }
      if (Date.now() > giveUpAt) {
        throw new UpstreamUnavailableError("timed out waiting for the shared access token", TOKEN_STORE);
      }
      await sleep(this.lockPollMs);
    }
  }

  /** A token store (Redis) failure: without a token the source is unavailable. */
  private storeFailure(cause: unknown): UpstreamUnavailableError {
    return new UpstreamUnavailableError("access token store failed", { ...TOKEN_STORE, cause });
  }

  private async fetch(): Promise<StoredAccessToken> {
    const fetchedAt = Date.now();
    const { access_token, expires_in } = await observeTokenRefresh(this.credentials.mode, () =>
      this.send(this.request()),
    );
    const lifetimeMs = expires_in * 1000;
    this.logger.debug(
      { mode: this.credentials.mode, expiresInSeconds: expires_in },
      "wechat access token fetched",
    );
    return {
      accessToken: access_token,
      expiresAt: fetchedAt + lifetimeMs,
      // stable_token keeps answering with the same token until it expires, so the margin is capped at
      // half the remaining lifetime: near expiry that still converges instead of re-fetching on every call.
      refreshAt: fetchedAt + lifetimeMs - Math.min(this.refreshMarginMs, lifetimeMs / 2),
    };
  }

  private request(): UpstreamRequest<z.infer<typeof tokenResponse>> {
    const credentials = this.credentials;
    if (credentials.mode === "static") throw new TypeError("a static access token is never fetched");
    const { appid, secret } = credentials;
    return credentials.mode === "classic"
      ? {
          endpoint: "cgi-bin/token",
          method: "GET",
          path: "/cgi-bin/token",
          query: { grant_type: "client_credential", appid, secret },
          schema: tokenResponse,
        }
      : {
          endpoint: "cgi-bin/stable_token",
          method: "POST",
          path: "/cgi-bin/stable_token",
          // force_refresh stays false: it is rate-limited upstream, and the plain call already returns a
          // new token once the current one has expired or been invalidated.
          body: { grant_type: "client_credential", appid, secret, force_refresh: false },
          schema: tokenResponse,
        };
  }
}
