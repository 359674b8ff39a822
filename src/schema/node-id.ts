// Opaque, stable Node ids: base64url("MiniStoreOrder:<order_id>") / base64url("Weixin12315Order:<ordernumber>").
import type { OrderSourceName } from "../shared/order-source.js";

const TYPE_NAMES = {
  MINI_STORE: "MiniStoreOrder",
  WEIXIN12315: "Weixin12315Order",
} as const satisfies Record<OrderSourceName, string>;

const UINT64_MAX = 2n ** 64n - 1n;

/** Whether text can be a WeChat `order_id`: an unsigned 64-bit integer written in digits. */
export function isMiniStoreOrderId(text: string): boolean {
  return /^\d{1,20}$/.test(text) && BigInt(text) <= UINT64_MAX;
}

export interface OrderNodeKey {
  source: OrderSourceName;
  /** WeChat `order_id` (digits) or weixin12315 `ordernumber`. */
  key: string;
}

export function encodeOrderNodeId(source: OrderSourceName, key: string): string {
  return Buffer.from(`${TYPE_NAMES[source]}:${key}`, "utf8").toString("base64url");
}

/** The source and upstream key of an order id, or null when the id is not one this service issued. */
export function decodeOrderNodeId(id: string): OrderNodeKey | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  // Only the canonical encoding is accepted, so each order has exactly one id.
  if (Buffer.from(text, "utf8").toString("base64url") !== id) return null;
  const separator = text.indexOf(":");
  const typeName = text.slice(0, separator);
  const key = text.slice(separator + 1);
  if (separator < 0 || key === "") return null;
  if (typeName === TYPE_NAMES.MINI_STORE)
    return isMiniStoreOrderId(key) ? { source: "MINI_STORE", key } : null;
  if (typeName === TYPE_NAMES.WEIXIN12315) return { source: "WEIXIN12315", key };
  return null;
}
