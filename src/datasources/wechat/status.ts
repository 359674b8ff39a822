// The one WeChat status table, as plain data: upstream code (RequestOrderStatus) → normalized status.
// The schema's `MiniStoreOrderStatus` enum has the codes as values; `OrderStatus` the normalized names.
import type { OrderStatusName } from "../../shared/order-status.js";

/** Upstream code → normalized status. */
const MINI_STORE_STATUS_TABLE: Readonly<Record<number, OrderStatusName>> = {
  10: "PENDING_PAYMENT",
  15: "PENDING_GROUP",
  16: "PENDING_ACCEPTANCE",
  17: "PENDING_REDEMPTION",
  20: "PENDING_SHIPMENT",
  21: "PARTIALLY_SHIPPED",
  30: "SHIPPED",
  100: "COMPLETED",
  181: "CANCELLED", // automatically cancelled and refunded
  190: "CANCELLED", // cancelled, oversold
  200: "CANCELLED", // cancelled after a full after-sale
  250: "CANCELLED",
};

/** Every documented WeChat status code, in the document's order. */
export const MINI_STORE_STATUS_CODES: readonly number[] = Object.keys(MINI_STORE_STATUS_TABLE)
  .map(Number)
  .sort((a, b) => a - b);

/** The code itself when documented, undefined for an undocumented one. */
export function miniStoreStatusFromCode(code: number): number | undefined {
  return code in MINI_STORE_STATUS_TABLE ? code : undefined;
}

/** The normalized status of a documented code. */
export function normalizeMiniStoreStatus(code: number): OrderStatusName {
  const status = MINI_STORE_STATUS_TABLE[code];
  if (status === undefined) throw new RangeError(`undocumented WeChat order status ${code}`);
  return status;
}

/** The WeChat codes to request for a normalized status (empty when WeChat has no such status). */
export function miniStoreStatusesFor(status: OrderStatusName): number[] {
  return MINI_STORE_STATUS_CODES.filter((code) => MINI_STORE_STATUS_TABLE[code] === status);
}
