import { randomUUID } from "node:crypto";

import { stringify } from "lossless-json";
import type { Logger } from "pino";
import { z } from "zod";

import {
  UpstreamAuthFailedError,
  UpstreamBusinessError,
  type UpstreamError,
  type UpstreamErrorOptions,
} from "../errors.js";
import { redactOpaqueRuns } from "../../shared/redaction.js";
import type { CallBudget } from "../../budget/call-budget.js";
import type { UpstreamCache } from "../../cache/index.js";
import type { UpstreamHttpTuning } from "../http/tuning.js";
import { UpstreamClient, type ReadPolicy, type UpstreamRequest } from "../http/upstream-client.js";
import { optional, wireText } from "../wire-primitives.js";
import { signWeixin12315Request } from "./sign.js";
import {
  WEIXIN12315_LIST,
  weixin12315ListedOrdersResponse,
  weixin12315WireOrder,
  type Weixin12315ListedOrder,
  type Weixin12315WireOrder,
} from "./wire.js";

export const WX12315_API_BASE_DEFAULT = "https://openapi.weixin12315.com";

/** `md.shop.order.list` parameters. Times are China local `yyyy-MM-dd HH:mm:ss`. */
export interface Weixin12315ListParams {
  /** Status request code (1..6 in the documented order by default). */
  orderStatus?: number;
  /** 0 all, 1 micro mall, 2 group buy, 3 prize. */
  orderScope: number;
  /** An order number to look up. */
  keyword?: string;
  startOrderTime?: string;
  endOrderTime?: string;
  startReceiveTime?: string;
  endReceiveTime?: string;
  /** Group-buy state: -1 all, 0 forming, 1 succeeded, 2 failed. */
  packageStatus: number;
  pageIndex: number;
  pageSize: number;
}

export interface Weixin12315OrderPage {
  /** Checked for their sort fields only; each validates the rest on demand (`ListedOrder.order()`). */
  orders: Weixin12315ListedOrder[];
  /** Orders matching the filter (`return_data.total`, or `count` as in the document's example). */
  count: number;
  /** The cache round the page was read in (undefined without a cache). */
  round?: string | undefined;
}

/** A read that uses the cache when it may (`fresh`: from upstream, refreshing the cache). */
const CACHED: ReadPolicy = { fresh: false };

/** `orderByNumber`: the keyword's matches are read this many at a time, at most this many pages. */
const KEYWORD_PAGE_SIZE = 20;
const KEYWORD_MAX_PAGES = 5;

export interface Weixin12315ClientOptions {
  baseUrl?: string;
  appId: string;
  appSecret: string;
  logger: Logger;
  http?: UpstreamHttpTuning;
  budget?: CallBudget;
  /** Clock for the `timestamp` header (default: the system clock). */
  now?: () => Date;
  /** Nonce source (default: a random UUID's 32 hex digits). */
  nonce?: () => string;
  cache?: UpstreamCache | undefined;
}

/**
 * `return_code`s that mean the request's authentication was rejected: missing auth headers, unknown
 * appid, malformed timestamp, stale timestamp, bad sign, replayed nonce. The document lists none; these
 * are the codes our simulator answers with (docs/simulators.md) and the first thing to check on the real host.
 */
const AUTH_RETURN_CODES = new Set(["40001", "40002", "40003", "40004", "40005", "40006"]);

const envelope = z.object({ return_code: wireText, return_msg: optional(wireText) });

/** weixin12315 mall orders over the signed `md.shop.order.list` API. */
export class Weixin12315Client extends UpstreamClient {
  private readonly appId: string;
  private readonly appSecret: string;
  private readonly now: () => Date;
  private readonly nonce: () => string;

  constructor(options: Weixin12315ClientOptions) {
    super({
      source: "WEIXIN12315",
      baseUrl: options.baseUrl ?? WX12315_API_BASE_DEFAULT,
      logger: options.logger,
      http: options.http,
      cache: options.cache,
      budget: options.budget,
    });
    this.appId = options.appId;
    this.appSecret = options.appSecret;
    this.now = options.now ?? (() => new Date());
    this.nonce = options.nonce ?? (() => randomUUID().replaceAll("-", ""));
  }

  async listOrders(
    params: Weixin12315ListParams,
    policy: ReadPolicy = CACHED,
  ): Promise<Weixin12315OrderPage> {
    const request = { ...this.listRequest(params), probe: policy.probe === true };
    const { value, round } = await this.sendCachedList(request, policy, (response) =>
      response.return_data.orders.map((row) => this.orderEntry(this.orderNumberOf(row), row.raw)),
    );
    return { orders: value.return_data.orders, count: value.return_data.total, round };
  }

  /**
   * One order by its order number; null if none. Served by list reads that saw it (and earlier
   * lookups) within the cache's freshness; else a keyword search, paged through (up to
   * KEYWORD_PAGE_SIZE × KEYWORD_MAX_PAGES matches) because the keyword is a search that may match
   * other numbers first, keeping only the exact number.
   */
  async findOrderByNumber(
    orderNumber: string,
    policy: ReadPolicy = CACHED,
  ): Promise<Weixin12315WireOrder | null> {
    // An empty keyword would mean "no filter", not "no order".
    if (orderNumber.trim() === "") return null;
    const where = {
      endpoint: WEIXIN12315_LIST.endpoint,
      schema: weixin12315WireOrder,
      path: WEIXIN12315_LIST.rows,
    };
    return this.cachedOrder(orderNumber, policy, where, async () => {
      for (let pageIndex = 1; pageIndex <= KEYWORD_MAX_PAGES; pageIndex += 1) {
        const params = {
          orderScope: 0,
          packageStatus: -1,
          keyword: orderNumber,
          pageIndex,
          pageSize: KEYWORD_PAGE_SIZE,
        };
        const data = (await this.send(this.listRequest(params))).return_data;
        const found = data.orders.find((row) => this.orderNumberOf(row) === orderNumber);
        if (found) return stringify(found.raw) ?? null;
        if (data.orders.length < KEYWORD_PAGE_SIZE || pageIndex * KEYWORD_PAGE_SIZE >= data.total)
          return null;
      }
      return null;
    });
  }

  /** Ready when a signed one-row list call succeeds. */
  async checkReady(): Promise<void> {
    // Goes through the breaker: when it is open this call is the half-open probe (or fails fast).
    await this.listOrders(
      { orderScope: 0, packageStatus: -1, pageIndex: 1, pageSize: 1 },
      { fresh: true, probe: true },
    );
  }

  /** An order number as the listed row carries it (rows are checked for their sort fields only). */
  private orderNumberOf(row: Weixin12315ListedOrder): string {
    return String((row.raw as { ordernumber?: unknown }).ordernumber);
  }

  protected cacheIdentity(): string {
    return this.appId;
  }

  /** One md.shop.order.list call; its rows are checked for their sort fields (the rest on demand). */
  private listRequest(params: Weixin12315ListParams) {
    return {
      endpoint: WEIXIN12315_LIST.endpoint,
      method: "POST" as const,
      path: "/api/sign/md.shop.order/v1/list",
      // Absent filters are left out of both the JSON and the signature.
      body: {
        orderstatus: params.orderStatus,
        orderscope: params.orderScope,
        keyword: params.keyword,
        startordertime: params.startOrderTime,
        endordertime: params.endOrderTime,
        startreceivetime: params.startReceiveTime,
        endreceivetime: params.endReceiveTime,
        packagestatus: params.packageStatus,
        pageindex: params.pageIndex,
        pagesize: params.pageSize,
      },
      schema: weixin12315ListedOrdersResponse,
    };
  }

  /** Signed per attempt: a retry needs a fresh timestamp and nonce (a replayed nonce is rejected). */
  protected override attemptHeaders(request: UpstreamRequest<unknown>): Record<string, string> {
    const headers = signWeixin12315Request(request.body ?? {}, {
      appId: this.appId,
      appSecret: this.appSecret,
      now: this.now,
      nonce: this.nonce,
    });
    return { ...headers };
  }

  protected override envelopeError(body: unknown, where: UpstreamErrorOptions): UpstreamError | undefined {
    const parsed = envelope.safeParse(body);
    if (!parsed.success) return undefined; // no return_code at all: the wire schema reports it
    const { return_code, return_msg } = parsed.data;
    if (return_code === "0") return undefined;
    const detail = `return_code ${return_code}: ${redactOpaqueRuns(return_msg ?? "")}`;
    const options = { ...where, upstreamCode: return_code };
    return AUTH_RETURN_CODES.has(return_code)
      ? new UpstreamAuthFailedError(detail, options)
      : new UpstreamBusinessError(detail, options);
  }
}
