// Reads one page of a WeChat stream through the request's loaders: a created-time sub-window,
// one status, and the filter's other native parameters. Rows stay listed (sort fields checked): the
// plan's `node` maps the ones the page returns, and each validates itself in full then.
import { SourceNotConfiguredError, UpstreamError } from "../../datasources/errors.js";
import type { OrderLoaders } from "../../datasources/loaders.js";
import type { MiniStoreListedOrder } from "../../datasources/wechat/wire.js";
import { sortKeyOf } from "../../pagination/sort-key.js";
import { chinaText, type Segment } from "../../pagination/time-window.js";
import { WindowTooLargeError, type BlockRead, type FetchedPage } from "../../pagination/walker.js";

/** WeChat's "scanned too much data, shorten the time frame". */
const WINDOW_TOO_LARGE = new Set(["-31042", "-31043"]);

export interface MiniStoreStream {
  status: number;
  /** `source`: 1 Mini Store, 2 CPS. */
  channel: 1 | 2;
  updated?: Segment | undefined;
  /** Merged `orders`: an unconfigured source reads as empty instead of failing. */
  optional?: boolean;
}

export async function readMiniStorePage(
  loaders: OrderLoaders,
  stream: MiniStoreStream,
  created: Segment,
  page: number,
  pageSize: number,
  read?: BlockRead,
): Promise<FetchedPage<MiniStoreListedOrder>> {
  try {
    const result = await loaders.miniStoreOrderPage.load({
      params: {
        startCreateTime: chinaText(created.lo),
        endCreateTime: chinaText(created.hi),
        ...(stream.updated && {
          startUpdateTime: chinaText(stream.updated.lo),
          endUpdateTime: chinaText(stream.updated.hi),
        }),
        status: stream.status,
        page,
        pageSize,
        source: stream.channel,
      },
      ...(read && { fresh: read.fresh }),
      ...(read?.round !== undefined && { round: read.round }),
    });
    return {
      items: result.orders.map((row) => ({ key: sortKeyOf(row), row })),
      total: result.totalNum,
      round: result.round,
    };
  } catch (error) {
    if (error instanceof UpstreamError && WINDOW_TOO_LARGE.has(error.upstreamCode ?? ""))
      throw new WindowTooLargeError(error);
    if (stream.optional && error instanceof SourceNotConfiguredError) return { items: [], total: 0 };
    throw error;
  }
}
