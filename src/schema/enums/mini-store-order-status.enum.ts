import { registerEnumType } from "type-graphql";

/** WeChat Mini Store order status; each value is the upstream code (RequestOrderStatus). */
export enum MiniStoreOrderStatus {
  PENDING_PAYMENT = 10,
  PENDING_GROUP = 15,
  PENDING_ACCEPTANCE = 16,
  PENDING_REDEMPTION = 17,
  PENDING_SHIPMENT = 20,
  PARTIALLY_SHIPPED = 21,
  SHIPPED = 30,
  COMPLETED = 100,
  AUTO_CANCELLED_REFUNDED = 181,
  CANCELLED_OVERSOLD = 190,
  CANCELLED_AFTER_FULL_AFTERSALE = 200,
  CANCELLED = 250,
}

registerEnumType(MiniStoreOrderStatus, {
  name: "MiniStoreOrderStatus",
  description: "WeChat Mini Store order status (the document's RequestOrderStatus codes).",
  valuesConfig: {
    PENDING_PAYMENT: { description: "10: payment to be made (待付款)." },
    PENDING_GROUP: { description: "15: group-buy paid, waiting for the group to form." },
    PENDING_ACCEPTANCE: {
      description: "16: paid, waiting for the merchant to accept (same-city delivery, offline pick-up).",
    },
    PENDING_REDEMPTION: { description: "17: paid, pending write-off (redemption)." },
    PENDING_SHIPMENT: { description: "20: to be shipped (待发货)." },
    PARTIALLY_SHIPPED: { description: "21: part of the goods shipped." },
    SHIPPED: { description: "30: to be received (待收货)." },
    COMPLETED: { description: "100: complete." },
    AUTO_CANCELLED_REFUNDED: {
      description: "181: automatically cancelled and refunded (coupons, group buying, etc.).",
    },
    CANCELLED_OVERSOLD: { description: "190: cancelled by the vendor because the item was oversold." },
    CANCELLED_AFTER_FULL_AFTERSALE: {
      description: "200: cancelled after every item went through after-sale (全部商品售后之后订单取消).",
    },
    CANCELLED: {
      description:
        "250: cancelled (unpaid cancellation by the user, payment timeout, after-sale cancellation, oversold or automatic refund cancellation).",
    },
  },
});
