// Node ids: opaque, stable global ids, base64url("<order type name>:<entity key>"), e.g.
// base64url("MiniStoreOrder:<order_id>"). The type names and key checks come from the source registry.
import { ORDER_SOURCE, sourceOfOrderType, type OrderSourceName } from "../shared/order-source.js";

/** An order named by its source and entity key (WeChat `order_id`, weixin12315 `ordernumber`). */
export interface OrderEntityKey {
  source: OrderSourceName;
  /** The upstream key the order entity is keyed by (`orderId` / `orderNumber`). */
  key: string;
}

export function encodeOrderNodeId(source: OrderSourceName, key: string): string {
  return Buffer.from(`${ORDER_SOURCE[source].typeNames.order}:${key}`, "utf8").toString("base64url");
}

/** The entity key a node id names, or null when the id is not one this service issued. */
export function decodeOrderNodeId(id: string): OrderEntityKey | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  // Only the canonical encoding is accepted, so each order has exactly one id.
  if (Buffer.from(text, "utf8").toString("base64url") !== id) return null;
  const separator = text.indexOf(":");
  if (separator < 0) return null;
  const source = sourceOfOrderType(text.slice(0, separator));
  const key = text.slice(separator + 1);
  return source !== undefined && key !== "" && ORDER_SOURCE[source].isEntityKey(key) ? { source, key } : null;
}
