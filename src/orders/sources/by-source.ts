// The application's part of each registry entry, by source name.
import type { MiniStoreListedOrder } from "../../datasources/wechat/wire.js";
import type { Weixin12315ListedOrder } from "../../datasources/weixin12315/wire.js";
import type { OrderSourceName } from "../../shared/order-source.js";
import { miniStoreOrders } from "./mini-store.js";
import type { SourceOrders } from "./source-orders.js";
import { weixin12315Orders } from "./weixin12315.js";

/** The listed row type of each source. */
interface ListedRows {
  MINI_STORE: MiniStoreListedOrder;
  WEIXIN12315: Weixin12315ListedOrder;
}

/** A listed row of any source. */
export type AnyListedOrder = ListedRows[OrderSourceName];

export const SOURCE_ORDERS: { readonly [S in OrderSourceName]: SourceOrders<ListedRows[S]> } = {
  MINI_STORE: miniStoreOrders,
  WEIXIN12315: weixin12315Orders,
};

/** The order a listed row of any source stands for. */
export function orderOfListedRow(row: AnyListedOrder) {
  // The row's `source` picks the entry of its own row type (a correlation TypeScript cannot follow).
  return (SOURCE_ORDERS[row.source] as SourceOrders<AnyListedOrder>).orderOfRow(row);
}
