// Reads the entity key out of an order entity representation, whichever of its @keys the router
// used, so every key of a type lands on the same request-scoped loader (and is deduplicated there).
import { decodeOrderNodeId } from "../schema/node-id.js";
import { badUserInput } from "../shared/bad-user-input.js";
import { ORDER_SOURCE, type OrderSourceName } from "../shared/order-source.js";

/**
 * The entity key named by a representation (`{ id }` or `{ <entityKeyField> }`) of the source's
 * order type, or null when the value cannot name an order of this type (an id of the other source,
 * or one we never issued): the entity then resolves to null, as an unknown order does. A
 * representation without either key as a string is a router-side error and is reported as such.
 */
export function entityKeyOfReference(
  reference: Record<string, unknown>,
  source: OrderSourceName,
): string | null {
  const { entityKeyField, isEntityKey, typeNames } = ORDER_SOURCE[source];
  const entityKey = reference[entityKeyField];
  // A key this source can never have (a WeChat order_id outside uint64) names no order: null, without asking upstream.
  if (typeof entityKey === "string") return isEntityKey(entityKey) ? entityKey : null;
  if (typeof reference.id === "string") {
    const decoded = decodeOrderNodeId(reference.id);
    return decoded?.source === source ? decoded.key : null;
  }
  throw badUserInput(
    `A ${typeNames.order} representation needs a string \`id\` or \`${entityKeyField}\` (its @key fields), ` +
      `got the fields ${JSON.stringify(Object.keys(reference))}`,
  );
}
