import type { OrdersContext } from "../orders/context.js";
import { loadWeixin12315Order } from "../orders/load-order.js";
import { entityKeyOfReference } from "../orders/entity-keys.js";
import type { Weixin12315Order } from "../schema/weixin12315/weixin12315-order.type.js";

/**
 * `_entities` for `Weixin12315Order` by either key (`id`, `orderNumber`); each distinct order costs
 * one keyword lookup through the request's loader (see `resolveMiniStoreOrderReference`).
 */
export async function resolveWeixin12315OrderReference(
  reference: { id?: unknown; orderNumber?: unknown },
  ctx: OrdersContext,
): Promise<Weixin12315Order | null> {
  const orderNumber = entityKeyOfReference(reference, "WEIXIN12315");
  return orderNumber === null ? null : loadWeixin12315Order(ctx, orderNumber);
}
