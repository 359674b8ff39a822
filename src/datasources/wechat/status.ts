// The one WeChat status table: upstream code ↔ MiniStoreOrderStatus ↔ normalized OrderStatus.
import { MiniStoreOrderStatus } from "../../schema/enums/mini-store-order-status.enum.js";
import { OrderStatus } from "../../schema/enums/order-status.enum.js";

/** MiniStoreOrderStatus (whose values are the upstream codes) → normalized status. */
export const MINI_STORE_STATUS_TABLE: Readonly<Record<MiniStoreOrderStatus, OrderStatus>> = {
  [MiniStoreOrderStatus.PENDING_PAYMENT]: OrderStatus.PENDING_PAYMENT,
  [MiniStoreOrderStatus.PENDING_GROUP]: OrderStatus.PENDING_GROUP,
  [MiniStoreOrderStatus.PENDING_ACCEPTANCE]: OrderStatus.PENDING_ACCEPTANCE,
  [MiniStoreOrderStatus.PENDING_REDEMPTION]: OrderStatus.PENDING_REDEMPTION,
  [MiniStoreOrderStatus.PENDING_SHIPMENT]: OrderStatus.PENDING_SHIPMENT,
  [MiniStoreOrderStatus.PARTIALLY_SHIPPED]: OrderStatus.PARTIALLY_SHIPPED,
  [MiniStoreOrderStatus.SHIPPED]: OrderStatus.SHIPPED,
  [MiniStoreOrderStatus.COMPLETED]: OrderStatus.COMPLETED,
  [MiniStoreOrderStatus.AUTO_CANCELLED_REFUNDED]: OrderStatus.CANCELLED,
  [MiniStoreOrderStatus.CANCELLED_OVERSOLD]: OrderStatus.CANCELLED,
  [MiniStoreOrderStatus.CANCELLED_AFTER_FULL_AFTERSALE]: OrderStatus.CANCELLED,
  [MiniStoreOrderStatus.CANCELLED]: OrderStatus.CANCELLED,
};

/** Every documented WeChat status code, in the document's order. */
export const MINI_STORE_STATUS_CODES: readonly MiniStoreOrderStatus[] = Object.keys(MINI_STORE_STATUS_TABLE)
  .map(Number)
  .sort((a, b) => a - b);

/** The enum member of a documented upstream code, or undefined for an undocumented one. */
export function miniStoreStatusFromCode(code: number): MiniStoreOrderStatus | undefined {
  return MINI_STORE_STATUS_CODES.includes(code) ? (code as MiniStoreOrderStatus) : undefined;
}

export function normalizeMiniStoreStatus(status: MiniStoreOrderStatus): OrderStatus {
  return MINI_STORE_STATUS_TABLE[status];
}

/** The WeChat codes to request for a normalized status (empty when WeChat has no such status). */
export function miniStoreStatusesFor(status: OrderStatus): MiniStoreOrderStatus[] {
  return MINI_STORE_STATUS_CODES.filter((code) => MINI_STORE_STATUS_TABLE[code] === status);
}
