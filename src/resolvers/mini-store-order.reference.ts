import type { OrdersContext } from "../orders/context.js";
import { loadMiniStoreOrder } from "../orders/load-order.js";
import { entityKeyOfReference } from "../orders/entity-keys.js";
import type { MiniStoreOrder } from "../schema/mini-store/mini-store-order.type.js";

/**
 * `_entities` for `MiniStoreOrder` by either key (`id`, `orderId`). Async on purpose: a bad
 * representation fails its own entity, not the whole `_entities` list. All references of one
 * `_entities` call reach the request's loader in the same tick, so each distinct order costs one
 * `product/order/get` call, under the client's concurrency limit.
 */
export async function resolveMiniStoreOrderReference(
  reference: { id?: unknown; orderId?: unknown },
  ctx: OrdersContext,
): Promise<MiniStoreOrder | null> {
  const orderId = entityKeyOfReference(reference, "MINI_STORE");
  return orderId === null ? null : loadMiniStoreOrder(ctx, orderId);
}
