// `miniStoreOrders`: WeChat's own filters → one get_list stream per status code, all in one
// partition group (a -31042 split applies to every status of the window).
import { miniStoreOrderOfRow } from "../mapping/mini-store-order.js";
import { MINI_STORE_STATUS_CODES } from "../../datasources/wechat/status.js";
import type { MiniStoreListedOrder } from "../../datasources/wechat/wire.js";
import type { OrdersContext } from "../context.js";
import { MiniStoreChannel } from "../../schema/enums/mini-store-channel.enum.js";
import type { MiniStoreOrderFilter } from "../../schema/filters/mini-store-order-filter.input.js";
import type { MiniStoreOrder } from "../../schema/mini-store/mini-store-order.type.js";
import type { ConnectionPlan } from "../../pagination/connection.js";
import { ORDER_SOURCE } from "../../shared/order-source.js";
import { maxPageSizeOf, type PaginationSettings } from "../settings.js";
import { isEmpty, type Segment } from "../../pagination/time-window.js";
import type { BlockRead } from "../../pagination/walker.js";
import { readMiniStorePage } from "../streams/mini-store-stream.js";
import { boundsOf, createdWindow, distinctIn, secondaryWindow } from "./filter-bounds.js";
import { streamSet } from "./stream-set.js";

export function miniStoreOrdersPlan(
  filter: MiniStoreOrderFilter | null | undefined,
  ctx: OrdersContext,
  settings: PaginationSettings,
): ConnectionPlan<MiniStoreOrder, MiniStoreListedOrder> {
  const created = boundsOf(["createdAfter", "createdBefore"], filter?.createdAfter, filter?.createdBefore);
  const updated = boundsOf(["updatedAfter", "updatedBefore"], filter?.updatedAfter, filter?.updatedBefore);
  const statuses = distinctIn<number>(filter?.statuses, MINI_STORE_STATUS_CODES) ?? [
    ...MINI_STORE_STATUS_CODES,
  ];
  const channel = filter?.channel ?? MiniStoreChannel.MINI_STORE;
  const normalized = { statuses, created: created ?? null, updated: updated ?? null, channel };

  return {
    binding: { field: "miniStoreOrders", filter: JSON.stringify(normalized) },
    streams: (snapshot) => {
      const updatedWindow = secondaryWindow(updated, snapshot);
      // An update window that cannot hold anything leaves no stream to read.
      const families = updatedWindow && isEmpty(updatedWindow) ? [] : statuses;
      return streamSet(
        families.map((status) => ({
          group: 0,
          rank: ORDER_SOURCE.MINI_STORE.rank,
          maxPageSize: maxPageSizeOf(settings, "MINI_STORE"),
          read: (segment: Segment, page: number, size: number, blockRead?: BlockRead) =>
            readMiniStorePage(
              ctx.loaders,
              { status, channel, updated: updatedWindow },
              segment,
              page,
              size,
              blockRead,
            ),
        })),
        [createdWindow(created, updated !== undefined, snapshot)],
      );
    },
    node: miniStoreOrderOfRow,
  };
}
