// WeChat Mini Store in the application: one get_list stream per status code, lookups by order_id.
import { MINI_STORE_STATUS_CODES, miniStoreStatusesFor } from "../../datasources/wechat/status.js";
import type { MiniStoreListedOrder } from "../../datasources/wechat/wire.js";
import { ORDER_SOURCE } from "../../shared/order-source.js";
import { mapMiniStoreOrder, miniStoreOrderOfRow } from "../mapping/mini-store-order.js";
import { maxPageSizeOf } from "../settings.js";
import { readMiniStorePage } from "../streams/mini-store-stream.js";
import type { SourceOrders } from "./source-orders.js";

export const miniStoreOrders: SourceOrders<MiniStoreListedOrder> = {
  mergedFamilies(statuses, ctx, settings) {
    // WeChat takes one status per call: the codes of every normalized status asked for.
    const codes = statuses
      ? MINI_STORE_STATUS_CODES.filter((code) => statuses.some((s) => miniStoreStatusesFor(s).includes(code)))
      : MINI_STORE_STATUS_CODES;
    return codes.map((status) => ({
      rank: ORDER_SOURCE.MINI_STORE.rank,
      maxPageSize: maxPageSizeOf(settings, "MINI_STORE"),
      read: (segment, page, size, blockRead) =>
        readMiniStorePage(
          ctx.loaders,
          { status, channel: 1, optional: true },
          segment,
          page,
          size,
          blockRead,
        ),
    }));
  },
  async load(ctx, orderId) {
    const wire = await ctx.loaders.miniStoreOrder.load(orderId);
    return wire && mapMiniStoreOrder(wire);
  },
  orderOfRow: miniStoreOrderOfRow,
};
