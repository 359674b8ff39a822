import { registerEnumType } from "type-graphql";

import type { OrderStatusName } from "../../shared/order-status.js";

/** Status normalized across both sources (names: `shared/order-status.ts`); the per-source tables live in `datasources/<source>/status.ts`. */
export enum OrderStatus {
  PENDING_PAYMENT = "PENDING_PAYMENT",
  PENDING_GROUP = "PENDING_GROUP",
  PENDING_ACCEPTANCE = "PENDING_ACCEPTANCE",
  PENDING_REDEMPTION = "PENDING_REDEMPTION",
  PENDING_SHIPMENT = "PENDING_SHIPMENT",
  PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED",
  SHIPPED = "SHIPPED",
  COMPLETED = "COMPLETED",
  CANCELLED = "CANCELLED",
  REFUND = "REFUND",
}

// Keeps the enum and the shared name list in lockstep at compile time.
const _sameNames: Record<OrderStatusName, OrderStatus> = OrderStatus;

registerEnumType(OrderStatus, {
  name: "OrderStatus",
  description: "Order status normalized across both sources. The exact upstream value is in `sourceStatus`.",
  valuesConfig: {
    PENDING_PAYMENT: { description: "Awaiting payment (WeChat 10, weixin12315 待付款)." },
    PENDING_GROUP: { description: "Paid, waiting for the group-buy to form (WeChat 15)." },
    PENDING_ACCEPTANCE: {
      description: "Paid, waiting for the merchant to accept (same-city delivery or pick-up; WeChat 16).",
    },
    PENDING_REDEMPTION: { description: "Paid, waiting for redemption/write-off (WeChat 17)." },
    PENDING_SHIPMENT: { description: "Paid, waiting for shipment (WeChat 20, weixin12315 待发货)." },
    PARTIALLY_SHIPPED: { description: "Part of the goods shipped (WeChat 21)." },
    SHIPPED: { description: "Shipped, waiting for receipt (WeChat 30, weixin12315 待收货)." },
    COMPLETED: { description: "Completed (WeChat 100, weixin12315 完成交易)." },
    CANCELLED: { description: "Cancelled (WeChat 181, 190, 200, 250; weixin12315 取消交易)." },
    REFUND: { description: "Refund order (weixin12315 退款订单)." },
  },
});
