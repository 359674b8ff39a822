import { registerEnumType } from "type-graphql";

/** weixin12315 order status; the upstream names and request codes are in `datasources/weixin12315/status.ts`. */
export enum Weixin12315OrderStatus {
  PENDING_PAYMENT = "PENDING_PAYMENT",
  PENDING_SHIPMENT = "PENDING_SHIPMENT",
  SHIPPED = "SHIPPED",
  COMPLETED = "COMPLETED",
  CANCELLED = "CANCELLED",
  REFUND = "REFUND",
}

registerEnumType(Weixin12315OrderStatus, {
  name: "Weixin12315OrderStatus",
  description:
    "weixin12315 order status (`orderstatus`). Request codes default to 1..6 in this order (configurable).",
  valuesConfig: {
    PENDING_PAYMENT: { description: "待付款: awaiting payment (default request code 1)." },
    PENDING_SHIPMENT: { description: "待发货: awaiting shipment (default request code 2)." },
    SHIPPED: { description: "待收货: shipped, awaiting receipt (default request code 3)." },
    COMPLETED: { description: "完成交易: completed (default request code 4)." },
    CANCELLED: { description: "取消交易: cancelled (default request code 5)." },
    REFUND: { description: "退款订单: refund order (default request code 6)." },
  },
});
