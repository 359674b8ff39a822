// Reads the upstream key out of an order entity representation, whichever of its @keys the router
// used, so every key of a type lands on the same request-scoped loader (and is deduplicated there).
import { GraphQLError } from "graphql";

import { decodeOrderNodeId, isMiniStoreOrderId } from "../schema/node-id.js";
import type { OrderSourceName } from "../shared/order-source.js";

export interface OrderEntityKeys {
  typename: "MiniStoreOrder" | "Weixin12315Order";
  source: OrderSourceName;
  /** The key field that holds the upstream key itself (`orderId` = WeChat `order_id`, `orderNumber` = 12315 `ordernumber`). */
  upstreamKeyField: "orderId" | "orderNumber";
}

/**
 * The upstream key named by a representation (`{ id }` or `{ <upstreamKeyField> }`), or null when
 * the value cannot name an order of this type (an id of the other source, or one we never issued):
 * the entity then resolves to null, as an unknown order does. A representation without either key
 * as a string is a router-side error and is reported as such.
 */
export function upstreamKeyOfReference(
  reference: Record<string, unknown>,
  keys: OrderEntityKeys,
): string | null {
  const upstreamKey = reference[keys.upstreamKeyField];
  if (typeof upstreamKey === "string") {
    // A WeChat order_id outside uint64 names no order: null, without asking upstream.
    return keys.source === "MINI_STORE" && !isMiniStoreOrderId(upstreamKey) ? null : upstreamKey;
  }
  if (typeof reference.id === "string") {
    const decoded = decodeOrderNodeId(reference.id);
    return decoded?.source === keys.source ? decoded.key : null;
  }
  throw new GraphQLError(
    `A ${keys.typename} representation needs a string \`id\` or \`${keys.upstreamKeyField}\` (its @key fields), ` +
      `got the fields ${JSON.stringify(Object.keys(reference))}`,
    { extensions: { code: "BAD_USER_INPUT" } },
  );
}
