// The merged `orders` field: normalized filter → one WeChat stream per matching status code and
// one weixin12315 stream per matching status (one for all), each source its own partition group.
import { SourceNotConfiguredError } from "../../datasources/errors.js";
import { miniStoreOrderOfRow } from "../mapping/mini-store-order.js";
import { MINI_STORE_STATUS_CODES, miniStoreStatusesFor } from "../../datasources/wechat/status.js";
import type { MiniStoreListedOrder } from "../../datasources/wechat/wire.js";
import { weixin12315OrderOfRow } from "../mapping/weixin12315-order.js";
import { WEIXIN12315_STATUS_TABLE, weixin12315StatusesFor } from "../../datasources/weixin12315/status.js";
import type { Weixin12315ListedOrder } from "../../datasources/weixin12315/wire.js";
import { loadOrder } from "../load-order.js";
import type { OrdersContext } from "../context.js";
import { OrderStatus } from "../../schema/enums/order-status.enum.js";
import type { OrderFilter } from "../../schema/filters/order-filter.input.js";
import type { AnyOrder } from "../../schema/unions/order.union.js";
import { ORDER_SOURCE, ORDER_SOURCES, type OrderSourceName } from "../../shared/order-source.js";
import type { ConnectionPlan } from "../../pagination/connection.js";
import { sortKeyOf } from "../../pagination/sort-key.js";
import { maxPageSizeOf, type PaginationSettings } from "../settings.js";
import { contains, type Segment } from "../../pagination/time-window.js";
import { readMiniStorePage } from "../streams/mini-store-stream.js";
import { readWeixin12315Page } from "../streams/weixin12315-stream.js";
import type { FetchedPage } from "../../pagination/walker.js";
import { boundsOf, createdWindow, distinctIn, orderNumberOf } from "./filter-bounds.js";
import { streamSet, type ReadableFamily } from "./stream-set.js";

/** Each source is its own partition group (a WeChat split never splits weixin12315's window). */
const groupOf = (source: OrderSourceName) => ORDER_SOURCES.indexOf(source);
const ALL_WEIXIN12315_STATUSES = Object.keys(WEIXIN12315_STATUS_TABLE).length;

/** A row of the merged walk: a listed row of either source, or an order a lookup returned (already validated and mapped). */
type OrderRow = MiniStoreListedOrder | Weixin12315ListedOrder | { found: AnyOrder };

function orderOfRow(row: OrderRow): AnyOrder {
  if ("found" in row) return row.found;
  return row.source === "MINI_STORE" ? miniStoreOrderOfRow(row) : weixin12315OrderOfRow(row);
}

export function ordersPlan(
  filter: OrderFilter | null | undefined,
  ctx: OrdersContext,
  settings: PaginationSettings,
): ConnectionPlan<AnyOrder, OrderRow> {
  const created = boundsOf(["createdAfter", "createdBefore"], filter?.createdAfter, filter?.createdBefore);
  const sources = distinctIn<OrderSourceName>(filter?.sources, ORDER_SOURCES) ?? [...ORDER_SOURCES];
  const statuses = distinctIn(filter?.statuses, Object.values(OrderStatus));
  const orderNumber = orderNumberOf(filter?.orderNumber, "filter.orderNumber");
  const normalized = {
    sources,
    statuses: statuses ?? null,
    created: created ?? null,
    orderNumber: orderNumber ?? null,
  };

  const families: ReadableFamily<OrderRow>[] =
    orderNumber === undefined
      ? listFamilies(sources, statuses, ctx, settings)
      : lookupFamilies(sources, statuses, orderNumber, ctx);
  return {
    binding: { field: "orders", filter: JSON.stringify(normalized) },
    streams: (snapshot) => {
      const window = createdWindow(created, orderNumber !== undefined, snapshot);
      return streamSet(families, [window, window]);
    },
    node: orderOfRow,
  };
}

function listFamilies(
  sources: OrderSourceName[],
  statuses: OrderStatus[] | undefined,
  ctx: OrdersContext,
  settings: PaginationSettings,
): ReadableFamily<OrderRow>[] {
  const family = (source: OrderSourceName) => ({
    group: groupOf(source),
    rank: ORDER_SOURCE[source].rank,
    maxPageSize: maxPageSizeOf(settings, source),
  });
  const wechat = !sources.includes("MINI_STORE")
    ? []
    : statuses
      ? MINI_STORE_STATUS_CODES.filter((code) => statuses.some((s) => miniStoreStatusesFor(s).includes(code)))
      : MINI_STORE_STATUS_CODES;
  const weixin = statuses?.flatMap(weixin12315StatusesFor);
  // One stream reads every status; a set that covers them all needs no `orderstatus` either.
  const weixinCodes: (number | undefined)[] = !sources.includes("WEIXIN12315")
    ? []
    : weixin === undefined || weixin.length === ALL_WEIXIN12315_STATUSES
      ? [undefined]
      : weixin.map((s) => settings.weixin12315StatusCodes[s]);
  return [
    ...wechat.map((status) => ({
      ...family("MINI_STORE"),
      read: (segment: Segment, page: number, size: number) =>
        readMiniStorePage(ctx.loaders, { status, channel: 1, optional: true }, segment, page, size),
    })),
    ...weixinCodes.map((orderStatus) => ({
      ...family("WEIXIN12315"),
      read: (segment: Segment, page: number, size: number) =>
        readWeixin12315Page(
          ctx.loaders,
          { orderStatus, orderScope: 0, packageStatus: -1, optional: true },
          segment,
          page,
          size,
        ),
    })),
  ];
}

/** `orderNumber` given: each source is a stream of at most one order, found by direct lookup. */
function lookupFamilies(
  sources: OrderSourceName[],
  statuses: OrderStatus[] | undefined,
  orderNumber: string,
  ctx: OrdersContext,
): ReadableFamily<OrderRow>[] {
  const find = async (source: OrderSourceName) => {
    if (!ORDER_SOURCE[source].isEntityKey(orderNumber)) return null;
    try {
      return await loadOrder(ctx, { source, key: orderNumber });
    } catch (error) {
      if (error instanceof SourceNotConfiguredError) return null;
      throw error;
    }
  };
  return sources.map((source) => ({
    group: groupOf(source),
    rank: ORDER_SOURCE[source].rank,
    maxPageSize: 1000,
    read: async (segment: Segment, page: number, size: number): Promise<FetchedPage<OrderRow>> => {
      const order = await find(source);
      const matches =
        order && contains(segment, sortKeyOf(order).t) && (!statuses || statuses.includes(order.status))
          ? [order]
          : [];
      const rows = matches.slice((page - 1) * size, page * size);
      return {
        items: rows.map((found) => ({ key: sortKeyOf(found), row: { found } })),
        total: matches.length,
      };
    },
  }));
}
