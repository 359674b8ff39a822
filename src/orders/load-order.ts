import type { OrderEntityKey } from "../schema/node-id.js";
import type { AnyOrder } from "../schema/unions/order.union.js";
import type { OrdersContext } from "./context.js";
import { SOURCE_ORDERS } from "./sources/by-source.js";

/** One order by source and entity key (WeChat `order_id`, weixin12315 `ordernumber`); null when unknown. */
export function loadOrder(ctx: OrdersContext, { source, key }: OrderEntityKey): Promise<AnyOrder | null> {
  return SOURCE_ORDERS[source].load(ctx, key);
}
