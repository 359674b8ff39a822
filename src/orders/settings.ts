// What the connections need from configuration; the server puts one in every request context.
import { weixin12315StatusCodes, type Weixin12315StatusCodes } from "../datasources/weixin12315/status.js";
import { ORDER_SOURCE, type OrderSourceName } from "../shared/order-source.js";
import type { PaginationContext } from "../pagination/connection.js";
import { createCursorCodec } from "../pagination/cursor-codec.js";

export interface PaginationSettings {
  /** HMAC key of cursors (config `CURSOR_SECRET`). */
  cursorSecret: string;
  /** Window when a filter gives no time bound (config `DEFAULT_WINDOW_DAYS`, 30). */
  defaultWindowDays: number;
  /** weixin12315 `orderstatus` request codes (config `WX12315_STATUS_CODES`). */
  weixin12315StatusCodes: Weixin12315StatusCodes;
  /** Largest upstream page to request; defaults are the APIs' own maxima (WeChat 10000, weixin12315 1000). */
  maxPageSize?: Partial<Record<OrderSourceName, number>>;
  /** Clock that pins first pages (default: the system clock). */
  now?: () => Date;
  /** Rows per block of block reads (config `UPSTREAM_BLOCK_SIZE`); undefined without the cache (nothing would reuse a block). */
  blockSize?: number;
  /** With the cache: first pages pin their window on this grid of seconds (its freshness), so they share reads. */
  pinGridSeconds?: number;
}

/** The configured cap of a source's list pages, never above its API's own maximum (source registry). */
export const maxPageSizeOf = (settings: PaginationSettings, source: OrderSourceName): number =>
  Math.min(settings.maxPageSize?.[source] ?? Infinity, ORDER_SOURCE[source].maxPageSize);

/** `freshReads`: the request reads the shops as they are now (its first pages pin the window now). */
export function paginationContext(settings: PaginationSettings, freshReads = false): PaginationContext {
  return {
    codec: createCursorCodec(settings.cursorSecret),
    defaultWindowDays: settings.defaultWindowDays,
    now: settings.now ?? (() => new Date()),
    blockSize: settings.blockSize,
    pinGridSeconds: settings.pinGridSeconds,
    freshReads,
  };
}

/** The configuration the connections read (a structural slice of the server's `Config`). */
export interface PaginationConfig {
  cursorSecret: string;
  defaultWindowDays: number;
  weixin12315?: { statusCodes: Weixin12315StatusCodes } | undefined;
  /** `UPSTREAM_MAX_PAGE_SIZE`: caps every upstream page (tests use small values to exercise multi-page reads). */
  upstreamMaxPageSize?: number | undefined;
  /** The upstream cache: blocks are read only when a cache can serve them again. */
  upstreamCache: { ttlSeconds: number; blockSize: number };
}

export function paginationSettingsFrom(config: PaginationConfig): PaginationSettings {
  const cap = config.upstreamMaxPageSize;
  return {
    cursorSecret: config.cursorSecret,
    defaultWindowDays: config.defaultWindowDays,
    weixin12315StatusCodes: config.weixin12315?.statusCodes ?? weixin12315StatusCodes(),
    ...(cap !== undefined && { maxPageSize: { MINI_STORE: cap, WEIXIN12315: cap } }),
    ...(config.upstreamCache.ttlSeconds > 0 && {
      blockSize: config.upstreamCache.blockSize,
      pinGridSeconds: config.upstreamCache.ttlSeconds,
    }),
  };
}

/** The settings of a request context; their absence is a wiring bug of the server, not a client error. */
export function settingsOf(context: { pagination?: PaginationSettings | undefined }): PaginationSettings {
  if (!context.pagination)
    throw new Error("the request context carries no pagination settings (server wiring)");
  return context.pagination;
}
