// weixin12315 mall in the application: one md.shop.order.list stream (or one per status asked
// for), lookups by ordernumber (a keyword search kept to the exact number).
import { WEIXIN12315_STATUS_TABLE, weixin12315StatusesFor } from "../../datasources/weixin12315/status.js";
import type { Weixin12315ListedOrder } from "../../datasources/weixin12315/wire.js";
import { ORDER_SOURCE } from "../../shared/order-source.js";
import { mapWeixin12315Order, weixin12315OrderOfRow } from "../mapping/weixin12315-order.js";
import { maxPageSizeOf } from "../settings.js";
import { readWeixin12315Page } from "../streams/weixin12315-stream.js";
import type { SourceOrders } from "./source-orders.js";

const ALL_STATUSES = Object.keys(WEIXIN12315_STATUS_TABLE).length;

export const weixin12315Orders: SourceOrders<Weixin12315ListedOrder> = {
  mergedFamilies(statuses, ctx, settings) {
    const wanted = statuses?.flatMap(weixin12315StatusesFor);
    // One stream reads every status; a set that covers them all needs no `orderstatus` either.
    const codes: (number | undefined)[] =
      wanted === undefined || wanted.length === ALL_STATUSES
        ? [undefined]
        : wanted.map((s) => settings.weixin12315StatusCodes[s]);
    return codes.map((orderStatus) => ({
      rank: ORDER_SOURCE.WEIXIN12315.rank,
      maxPageSize: maxPageSizeOf(settings, "WEIXIN12315"),
      read: (segment, page, size, blockRead) =>
        readWeixin12315Page(
          ctx.loaders,
          { orderStatus, orderScope: 0, packageStatus: -1, optional: true },
          segment,
          page,
          size,
          blockRead,
        ),
    }));
  },
  async load(ctx, orderNumber) {
    const wire = await ctx.loaders.weixin12315OrderByNumber.load(orderNumber);
    return wire && mapWeixin12315Order(wire);
  },
  orderOfRow: weixin12315OrderOfRow,
};
