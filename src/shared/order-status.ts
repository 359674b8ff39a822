/**
 * Order status normalized across sources: the `OrderStatus` enum values of the public contract.
 * Plain names here, so the per-source status tables (datasources) need no GraphQL module.
 */
export type OrderStatusName =
  | "PENDING_PAYMENT"
  | "PENDING_GROUP"
  | "PENDING_ACCEPTANCE"
  | "PENDING_REDEMPTION"
  | "PENDING_SHIPMENT"
  | "PARTIALLY_SHIPPED"
  | "SHIPPED"
  | "COMPLETED"
  | "CANCELLED"
  | "REFUND";
