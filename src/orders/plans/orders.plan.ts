// The merged `orders` field: normalized filter → each selected source's streams for the statuses
// asked for (orders/sources/), each source its own partition group; or, with an order number, one
// lookup per source.
import { SourceNotConfiguredError } from "../../datasources/errors.js";
import { loadOrder } from "../load-order.js";
import type { PaginationSettings } from "../settings.js";
import { orderOfListedRow, SOURCE_ORDERS, type AnyListedOrder } from "../sources/by-source.js";
import type { OrdersContext } from "../context.js";
import { OrderStatus } from "../../schema/enums/order-status.enum.js";
import type { OrderFilter } from "../../schema/filters/order-filter.input.js";
import type { AnyOrder } from "../../schema/unions/order.union.js";
import { ORDER_SOURCE, ORDER_SOURCES, type OrderSourceName } from "../../shared/order-source.js";
import type { ConnectionPlan } from "../../pagination/connection.js";
import { sortKeyOf } from "../../pagination/sort-key.js";
import { contains, type Segment } from "../../pagination/time-window.js";
import type { FetchedPage } from "../../pagination/walker.js";
import { boundsOf, createdWindow, distinctIn, orderNumberOf } from "./filter-bounds.js";
import { streamSet, type ReadableFamily } from "./stream-set.js";

/** Each source is its own partition group (a WeChat split never splits weixin12315's window). */
const groupOf = (source: OrderSourceName) => ORDER_SOURCES.indexOf(source);

/** A row of the merged walk: a listed row of either source, or an order a lookup returned (already validated and mapped). */
type OrderRow = AnyListedOrder | { found: AnyOrder };

const orderOfRow = (row: OrderRow): AnyOrder => ("found" in row ? row.found : orderOfListedRow(row));

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
  return sources.flatMap((source) =>
    SOURCE_ORDERS[source]
      .mergedFamilies(statuses, ctx, settings)
      .map((family): ReadableFamily<OrderRow> => ({ ...family, group: groupOf(source) })),
  );
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
