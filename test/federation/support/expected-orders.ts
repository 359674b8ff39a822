import type { WechatSimOrder } from "../../../src/simulators/wechat/index.js";
import type { Weixin12315SimOrder } from "../../../src/simulators/weixin12315/index.js";
import { chinaIsoText } from "../../support/china-text.js";
import { moneyOfFen, moneyOfYuanText } from "../../support/money-text.js";

// The order selection the cross-subgraph queries ask for, and its expected value computed straight
// from the simulators' wire orders with the contract's rules, independently of the subgraph's mapping
// and of its helpers: money and times by decimal text and an explicit +08:00.

/** Spread on an `Order` (union) position; `customer` comes from the customers subgraph. */
export const ORDER_SELECTION = `
  __typename
  ... on OrderCommon {
    orderId
    orderNumber
    source
    status
    sourceStatus
    createdAt
    buyerOpenid
    totalAmount { amount currency minorUnits }
    freight { amount currency minorUnits }
    products {
      __typename
      ... on ProductInfoCommon {
        productId
        skuId
        title
        quantity
        unitPrice { amount currency minorUnits }
        totalPrice { amount currency minorUnits }
      }
      ... on MiniStoreProductInfo { skuAttrs { attrKey attrValue } }
      ... on Weixin12315OrderItem { recordId purchasePrice { amount currency minorUnits } }
    }
  }
  ... on MiniStoreOrder { customer { openid } }
  ... on Weixin12315Order { usePoints customer { openid } }
`;

/** The contract's normalized status of each WeChat code. */
const MINI_STORE_STATUS: Record<number, string> = {
  10: "PENDING_PAYMENT",
  15: "PENDING_GROUP",
  16: "PENDING_ACCEPTANCE",
  17: "PENDING_REDEMPTION",
  20: "PENDING_SHIPMENT",
  21: "PARTIALLY_SHIPPED",
  30: "SHIPPED",
  100: "COMPLETED",
  181: "CANCELLED",
  190: "CANCELLED",
  200: "CANCELLED",
  250: "CANCELLED",
};

/** The contract's normalized status of each weixin12315 status name. */
const WEIXIN12315_STATUS: Record<string, string> = {
  待付款: "PENDING_PAYMENT",
  待发货: "PENDING_SHIPMENT",
  待收货: "SHIPPED",
  完成交易: "COMPLETED",
  取消交易: "CANCELLED",
  退款订单: "REFUND",
};

/** `customerOf` is the openid the customers subgraph holds for the order, or null. */
export function expectedMiniStoreOrder(order: WechatSimOrder, customerOf: string | null) {
  const price = order.order_detail.price_info;
  return {
    __typename: "MiniStoreOrder",
    orderId: order.order_id.toString(),
    orderNumber: order.order_id.toString(),
    source: "MINI_STORE",
    status: MINI_STORE_STATUS[order.status],
    sourceStatus: String(order.status),
    createdAt: chinaIsoText(order.create_time),
    buyerOpenid: order.openid,
    totalAmount: moneyOfFen(price.order_price),
    freight: moneyOfFen(price.freight),
    products: order.order_detail.product_infos.map((p) => ({
      __typename: "MiniStoreProductInfo",
      productId: p.product_id.toString(),
      skuId: p.sku_id.toString(),
      title: p.title,
      quantity: p.sku_cnt,
      unitPrice: moneyOfFen(p.sale_price),
      totalPrice: moneyOfFen(BigInt(p.sale_price) * BigInt(p.sku_cnt)),
      skuAttrs: p.sku_attrs.map((a) => ({ attrKey: a.attr_key, attrValue: a.attr_value })),
    })),
    customer: customerOf === null ? null : { openid: customerOf },
  };
}

export function expectedWeixin12315Order(order: Weixin12315SimOrder, customerOf: string | null) {
  return {
    __typename: "Weixin12315Order",
    orderId: order.orderid,
    orderNumber: order.ordernumber,
    source: "WEIXIN12315",
    status: WEIXIN12315_STATUS[order.orderstatus],
    sourceStatus: order.orderstatus,
    createdAt: chinaIsoText(order.ordertime),
    buyerOpenid: order.openid,
    totalAmount: moneyOfYuanText(order.payprice),
    freight: moneyOfYuanText(order.fees),
    products: order.items.map((item) => ({
      __typename: "Weixin12315OrderItem",
      productId: String(item.productID),
      skuId: null,
      title: item.productName,
      quantity: item.amount,
      unitPrice: moneyOfYuanText(item.originalPrice.toString()),
      totalPrice: moneyOfYuanText(item.totalPrice.toString()),
      recordId: String(item.recordID),
      purchasePrice: moneyOfYuanText(item.purchasePrice.toString()),
    })),
    usePoints: Number(order.usepoints),
    customer: customerOf === null ? null : { openid: customerOf },
  };
}
