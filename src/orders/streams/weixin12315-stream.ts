// Reads one page of a weixin12315 stream through the request's loaders: an order-time window plus
// the filter's native parameters. Rows stay listed (sort fields checked): the plan's `node` maps the
// ones the page returns, and each validates itself in full then.
import { SourceNotConfiguredError } from "../../datasources/errors.js";
import type { OrderLoaders } from "../../datasources/loaders.js";
import type { Weixin12315ListedOrder } from "../../datasources/weixin12315/wire.js";
import { sortKeyOf } from "../../pagination/sort-key.js";
import { chinaText, type Segment } from "../../pagination/time-window.js";
import type { BlockRead, FetchedPage } from "../../pagination/walker.js";

export interface Weixin12315Stream {
  /** `orderstatus` request code; absent for every status. */
  orderStatus?: number | undefined;
  orderScope: number;
  packageStatus: number;
  keyword?: string | undefined;
  received?: Segment | undefined;
  /** Merged `orders`: an unconfigured source reads as empty instead of failing. */
  optional?: boolean;
}

export async function readWeixin12315Page(
  loaders: OrderLoaders,
  stream: Weixin12315Stream,
  ordered: Segment,
  page: number,
  pageSize: number,
  read?: BlockRead,
): Promise<FetchedPage<Weixin12315ListedOrder>> {
  try {
    const result = await loaders.weixin12315OrderPage.load({
      params: {
        ...(stream.orderStatus !== undefined && { orderStatus: stream.orderStatus }),
        orderScope: stream.orderScope,
        ...(stream.keyword !== undefined && { keyword: stream.keyword }),
        startOrderTime: chinaText(ordered.lo),
        endOrderTime: chinaText(ordered.hi),
        ...(stream.received && {
          startReceiveTime: chinaText(stream.received.lo),
          endReceiveTime: chinaText(stream.received.hi),
        }),
        packageStatus: stream.packageStatus,
        pageIndex: page,
        pageSize,
      },
      ...(read && { fresh: read.fresh }),
      ...(read?.round !== undefined && { round: read.round }),
    });
    return {
      items: result.orders.map((row) => ({ key: sortKeyOf(row), row })),
      total: result.count,
      round: result.round,
    };
  } catch (error) {
    if (stream.optional && error instanceof SourceNotConfiguredError) return { items: [], total: 0 };
    throw error;
  }
}
