import type { OrdersContext } from "../../resolvers/context.type.js";
import { loadWeixin12315Order } from "../../resolvers/load-order.js";
import { upstreamKeyOfReference } from "../../resolvers/order-key.reference.js";
import type { Weixin12315Order } from "./weixin12315-order.type.js";

/**
 * `_entities` for `Weixin12315Order` by either key (`id`, `orderNumber`); each distinct order costs
 * one keyword lookup through the request's loader (see `resolveMiniStoreOrderReference`).
 */
export async function resolveWeixin12315OrderReference(
  reference: { id?: unknown; orderNumber?: unknown },
  ctx: OrdersContext,
): Promise<Weixin12315Order | null> {
  const orderNumber = upstreamKeyOfReference(reference, {
    typename: "Weixin12315Order",
    source: "WEIXIN12315",
    upstreamKeyField: "orderNumber",
  });
  return orderNumber === null ? null : loadWeixin12315Order(ctx, orderNumber);
}
