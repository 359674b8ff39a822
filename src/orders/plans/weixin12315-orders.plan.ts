// `weixin12315Orders`: the mall's own filters → a single md.shop.order.list stream.
import { weixin12315OrderOfRow } from "../mapping/weixin12315-order.js";
import type { Weixin12315ListedOrder } from "../../datasources/weixin12315/wire.js";
import type { OrdersContext } from "../context.js";
import { Weixin12315GroupBuyStatus } from "../../schema/enums/weixin12315-group-buy-status.enum.js";
import { Weixin12315OrderScope } from "../../schema/enums/weixin12315-order-scope.enum.js";
import type { Weixin12315OrderFilter } from "../../schema/filters/weixin12315-order-filter.input.js";
import type { Weixin12315Order } from "../../schema/weixin12315/weixin12315-order.type.js";
import type { ConnectionPlan } from "../../pagination/connection.js";
import { ORDER_SOURCE } from "../../shared/order-source.js";
import { maxPageSizeOf, type PaginationSettings } from "../settings.js";
import { isEmpty, type Segment } from "../../pagination/time-window.js";
import type { BlockRead } from "../../pagination/walker.js";
import { readWeixin12315Page } from "../streams/weixin12315-stream.js";
import { boundsOf, createdWindow, orderNumberOf, secondaryWindow } from "./filter-bounds.js";
import { streamSet } from "./stream-set.js";

export function weixin12315OrdersPlan(
  filter: Weixin12315OrderFilter | null | undefined,
  ctx: OrdersContext,
  settings: PaginationSettings,
): ConnectionPlan<Weixin12315Order, Weixin12315ListedOrder> {
  const ordered = boundsOf(["orderedAfter", "orderedBefore"], filter?.orderedAfter, filter?.orderedBefore);
  const received = boundsOf(
    ["receivedAfter", "receivedBefore"],
    filter?.receivedAfter,
    filter?.receivedBefore,
  );
  const keyword = orderNumberOf(filter?.orderNumber, "filter.orderNumber");
  const normalized = {
    status: filter?.status ?? null,
    scope: filter?.scope ?? Weixin12315OrderScope.ALL,
    orderNumber: keyword ?? null,
    ordered: ordered ?? null,
    received: received ?? null,
    groupBuyStatus: filter?.groupBuyStatus ?? Weixin12315GroupBuyStatus.ALL,
  };
  const orderStatus =
    normalized.status === null ? undefined : settings.weixin12315StatusCodes[normalized.status];

  return {
    binding: { field: "weixin12315Orders", filter: JSON.stringify(normalized) },
    streams: (snapshot) => {
      const receivedWindow = secondaryWindow(received, snapshot);
      const stream = {
        orderStatus,
        orderScope: normalized.scope,
        packageStatus: normalized.groupBuyStatus,
        keyword,
        received: receivedWindow,
      };
      return streamSet(
        receivedWindow && isEmpty(receivedWindow)
          ? []
          : [
              {
                group: 0,
                rank: ORDER_SOURCE.WEIXIN12315.rank,
                maxPageSize: maxPageSizeOf(settings, "WEIXIN12315"),
                read: (segment: Segment, page: number, size: number, blockRead?: BlockRead) =>
                  readWeixin12315Page(ctx.loaders, stream, segment, page, size, blockRead),
              },
            ],
        [createdWindow(ordered, received !== undefined || keyword !== undefined, snapshot)],
      );
    },
    node: weixin12315OrderOfRow,
  };
}
