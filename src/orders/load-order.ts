import { mapMiniStoreOrder } from "./mapping/mini-store-order.js";
import { mapWeixin12315Order } from "./mapping/weixin12315-order.js";
import type { MiniStoreOrder } from "../schema/mini-store/mini-store-order.type.js";
import type { OrderEntityKey } from "../schema/node-id.js";
import type { AnyOrder } from "../schema/unions/order.union.js";
import type { Weixin12315Order } from "../schema/weixin12315/weixin12315-order.type.js";
import type { OrdersContext } from "./context.js";

export async function loadMiniStoreOrder(
  ctx: OrdersContext,
  orderId: string,
): Promise<MiniStoreOrder | null> {
  const wire = await ctx.loaders.miniStoreOrder.load(orderId);
  return wire && mapMiniStoreOrder(wire);
}

export async function loadWeixin12315Order(
  ctx: OrdersContext,
  orderNumber: string,
): Promise<Weixin12315Order | null> {
  const wire = await ctx.loaders.weixin12315OrderByNumber.load(orderNumber);
  return wire && mapWeixin12315Order(wire);
}

/** One order by source and upstream key (WeChat `order_id`, weixin12315 `ordernumber`); null when unknown. */
export function loadOrder(ctx: OrdersContext, { source, key }: OrderEntityKey): Promise<AnyOrder | null> {
  return source === "MINI_STORE" ? loadMiniStoreOrder(ctx, key) : loadWeixin12315Order(ctx, key);
}
