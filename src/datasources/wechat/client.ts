import { stringify } from "lossless-json";
import type { Logger } from "pino";
import { z } from "zod";

import {
  UpstreamAuthFailedError,
  UpstreamBusinessError,
  UpstreamError,
  UpstreamRateLimitedError,
  UpstreamUnavailableError,
  type UpstreamErrorOptions,
} from "../errors.js";
import type { CallBudget } from "../../budget/call-budget.js";
import type { UpstreamCache } from "../../cache/index.js";
import type { UpstreamHttpTuning } from "../http/tuning.js";
import { UpstreamClient, type ReadPolicy } from "../http/upstream-client.js";
import { parseLosslessBody } from "../http/wire-body.js";
import { redactOpaqueRuns } from "../../shared/redaction.js";
import { formatChinaLocalTime } from "../../shared/china-time.js";
import { ORDER_SOURCE } from "../../shared/order-source.js";
import { optional, wireInt, wireText } from "../wire-primitives.js";
import {
  AccessTokenProvider,
  wechatCredentialIdentity,
  type AccessTokenTuning,
  type WechatCredentials,
} from "./auth.js";
import type { TokenStore } from "./token-store.js";
import {
  MINI_STORE_LIST,
  miniStoreListedOrdersResponse,
  miniStoreOrderGetResponse,
  miniStoreWireOrder,
  type MiniStoreListedOrder,
  type MiniStoreWireOrder,
} from "./wire.js";

export const WECHAT_API_BASE_DEFAULT = "https://api.weixin.qq.com";

/** Any valid status does for the readiness probe; 10 (pending payment) keeps the scan small. */
const READY_PROBE_STATUS = 10;

/** `product/order/get_list` filters. Times are China local `yyyy-MM-dd HH:mm:ss`; one pair is required. */
export interface MiniStoreListParams {
  startCreateTime?: string;
  endCreateTime?: string;
  startUpdateTime?: string;
  endUpdateTime?: string;
  /** One RequestOrderStatus code (WeChat requires exactly one per call). */
  status: number;
  page: number;
  pageSize: number;
  /** 1 Mini Store (WeChat's default), 2 CPS. */
  source?: 1 | 2;
}

export interface MiniStoreOrderPage {
  /** Checked for their sort fields only; each validates the rest on demand (`ListedOrder.order()`). */
  orders: MiniStoreListedOrder[];
  totalNum: number;
  /** The cache round the page was read in (undefined without a cache). */
  round?: string | undefined;
}

/** A read that uses the cache when it may (`fresh`: from upstream, refreshing the cache). */
const CACHED: ReadPolicy = { fresh: false };

export interface MiniStoreClientOptions {
  baseUrl?: string;
  credentials: WechatCredentials;
  /** Shared token store (Redis across replicas); default: this process only. */
  tokenStore?: TokenStore;
  token?: AccessTokenTuning;
  logger: Logger;
  http?: UpstreamHttpTuning;
  cache?: UpstreamCache | undefined;
  budget?: CallBudget;
}

/** Codes that mean "this access token is no good": refresh once and retry once. */
const TOKEN_REJECTED = new Set(["40001", "40014", "42001"]);
/** Credential and token failures (token endpoints and business calls). */
const AUTH_CODES = new Set([40001, 40002, 40013, 40014, 40125, 40164, 41001, 41002, 41004, 42001, 48001]);
const SYSTEM_BUSY = -1;
const DAILY_QUOTA = 45009;
const MINUTE_QUOTA = 45011;
const ORDER_NOT_EXIST = "100002";

const envelope = z.object({ errcode: optional(wireInt), errmsg: optional(wireText) });

/** WeChat Mini Store orders (`product/order/get_list`, `product/order/get`) with the access-token lifecycle. */
export class MiniStoreClient extends UpstreamClient {
  readonly tokens: AccessTokenProvider;
  private readonly identity: string;

  constructor(options: MiniStoreClientOptions) {
    super({
      source: "MINI_STORE",
      baseUrl: options.baseUrl ?? WECHAT_API_BASE_DEFAULT,
      logger: options.logger,
      http: options.http,
      cache: options.cache,
      budget: options.budget,
    });
    this.identity = wechatCredentialIdentity(options.credentials);
    this.tokens = new AccessTokenProvider({
      ...options.token,
      credentials: options.credentials,
      store: options.tokenStore,
      logger: this.logger,
      send: (request) => this.send(request),
    });
  }

  async listOrders(params: MiniStoreListParams, policy: ReadPolicy = CACHED): Promise<MiniStoreOrderPage> {
    // Absent filters are left out of the JSON (lossless-json, like JSON.stringify, omits undefined).
    const body = {
      start_create_time: params.startCreateTime,
      end_create_time: params.endCreateTime,
      start_update_time: params.startUpdateTime,
      end_update_time: params.endUpdateTime,
      status: params.status,
      page: params.page,
      page_size: params.pageSize,
      source: params.source,
    };
    // The token is not part of the key: a refreshed token reads the same orders.
    const { value, round } = await this.sendCachedList(
      {
        endpoint: MINI_STORE_LIST.endpoint,
        method: "POST",
        path: "/product/order/get_list",
        body,
        schema: miniStoreListedOrdersResponse,
        probe: policy.probe === true,
      },
      policy,
      (response) => response.orders.map((row) => this.orderEntry(row.orderId, row.raw)),
      (request) => this.withToken((token) => this.send({ ...request, query: { access_token: token } })),
    );
    return { orders: value.orders, totalNum: value.total_num, round };
  }

  /** One order by its id (uint64 digits); null when WeChat has no such order or the id cannot be one. */
  async getOrder(orderId: string, policy: ReadPolicy = CACHED): Promise<MiniStoreWireOrder | null> {
    if (!ORDER_SOURCE.MINI_STORE.isEntityKey(orderId)) return null;
    const where = { endpoint: "product/order/get", schema: miniStoreWireOrder, path: ["order"] };
    return this.cachedOrder(orderId, policy, where, async () => {
      try {
        let text = "";
        await this.withToken((token) =>
          this.send({
            endpoint: where.endpoint,
            method: "POST",
            path: "/product/order/get",
            query: { access_token: token },
            // uint64 on the wire: a bigint is written as a bare JSON number with its exact digits.
            body: { order_id: BigInt(orderId) },
            schema: miniStoreOrderGetResponse,
            keepBody: (body) => (text = body),
          }),
        );
        return (
          stringify(
            (parseLosslessBody(text, { source: "MINI_STORE", ...where }) as { order: unknown }).order,
          ) ?? null
        );
      } catch (error) {
        if (error instanceof UpstreamError && error.upstreamCode === ORDER_NOT_EXIST) return null;
        throw error;
      }
    });
  }

  protected cacheIdentity(): string {
    return this.identity;
  }

  /** Ready when the breaker is not open and a token can be had (fetched if none is cached). */
  async checkReady(): Promise<void> {
    await this.tokens.getToken();
    if (this.breakerState() === "closed") return;
    // Not closed: one minimal list call is the half-open probe. An unready replica gets no traffic,
    // so without this probe an open breaker would keep it unready forever.
    const now = new Date();
    await this.listOrders(
      {
        startCreateTime: formatChinaLocalTime(new Date(now.getTime() - 60_000)),
        endCreateTime: formatChinaLocalTime(now),
        status: READY_PROBE_STATUS,
        page: 1,
        pageSize: 1,
      },
      { fresh: true, probe: true },
    );
  }

  protected override envelopeError(body: unknown, where: UpstreamErrorOptions): UpstreamError | undefined {
    const parsed = envelope.safeParse(body);
    if (!parsed.success) return undefined; // not an envelope at all: the wire schema reports it
    const { errcode, errmsg } = parsed.data;
    if (errcode === null || errcode === 0) return undefined;
    const detail = `errcode ${errcode}: ${redactOpaqueRuns(errmsg ?? "")}`;
    const options = { ...where, upstreamCode: errcode };
    if (errcode === SYSTEM_BUSY) return new UpstreamUnavailableError(detail, options);
    if (errcode === DAILY_QUOTA || errcode === MINUTE_QUOTA)
      return new UpstreamRateLimitedError(detail, options);
    if (AUTH_CODES.has(errcode)) return new UpstreamAuthFailedError(detail, options);
    return new UpstreamBusinessError(detail, options);
  }

  protected override spentMinuteQuota(error: UpstreamError): boolean {
    return error.upstreamCode === String(MINUTE_QUOTA);
  }

  /** The minute quota resets within a minute: worth backing off; the daily quota is not (fail fast). */
  protected override isRetryable(error: UpstreamError): boolean {
    return super.isRetryable(error) || error.upstreamCode === String(MINUTE_QUOTA);
  }

  /**
   * Runs a business call with the current token. If WeChat rejects the token (40001/40014/42001), the
   * token is invalidated (only if still current), refreshed once, and the call retried once — never more.
   */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.getToken();
    try {
      return await call(token);
    } catch (error) {
      const rejected = error instanceof UpstreamError && TOKEN_REJECTED.has(error.upstreamCode ?? "");
      if (!rejected || !this.tokens.canRefresh) throw error;
      this.logger.debug(
        { upstreamCode: error.upstreamCode },
        "wechat access token rejected; refreshing once",
      );
      await this.tokens.invalidate(token);
      return call(await this.tokens.getToken());
    }
  }
}
