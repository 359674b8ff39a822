import { entityKeyOfReference } from "../orders/entity-keys.js";
import { loadOrder } from "../orders/load-order.js";
import type { OrdersContext } from "../orders/context.js";
import type { AnyOrder } from "../schema/unions/order.union.js";
import { ORDER_SOURCE, ORDER_SOURCES, type OrderSourceName } from "../shared/order-source.js";

/**
 * `_entities` for one source's order type by either key (`id`, or the entity key field). Async on
 * purpose: a bad representation fails its own entity, not the whole `_entities` list. All references
 * of one `_entities` call reach the request's loader in the same tick, so each distinct order costs
 * one lookup call (`product/order/get`, or a weixin12315 keyword list), under the client's limits.
 */
function orderReference(source: OrderSourceName) {
  return async (reference: Record<string, unknown>, ctx: OrdersContext): Promise<AnyOrder | null> => {
    const key = entityKeyOfReference(reference, source);
    return key === null ? null : loadOrder(ctx, { source, key });
  };
}

/** `__resolveReference` of every source's order entity, by GraphQL type name (registry). */
export const orderReferenceResolvers = Object.fromEntries(
  ORDER_SOURCES.map((source) => [
    ORDER_SOURCE[source].typeNames.order,
    { __resolveReference: orderReference(source) },
  ]),
);
