// zod mirror of the WeChat Mini Store order document (product/order/get_list and product/order/get).
// Keys stay snake_case as on the wire; optional sections tolerate absence (→ null / []).
import { z } from "zod";

import {
  listedRows,
  optional,
  optionalBlank,
  optionalList,
  wireBool,
  wireChinaTime,
  wireId,
  wireInt,
  wireText,
  wireUnixSeconds,
} from "../wire-primitives.js";
import type { ListedOrder } from "../listed-order.js";
import { miniStoreStatusFromCode } from "./status.js";

/** A documented RequestOrderStatus code. */
const wireStatus = wireInt.refine((code) => miniStoreStatusFromCode(code) !== undefined, {
  error: (issue) => `undocumented order status ${JSON.stringify(issue.input)}`,
});

/** An amount in fen. */
const wireFen = wireInt;

const skuAttr = z.object({
  attr_key: optional(wireText),
  attr_value: optional(wireText),
});

const productInfo = z.object({
  product_id: wireId,
  sku_id: optionalBlank(wireId),
  sku_cnt: wireInt,
  on_aftersale_sku_cnt: optionalBlank(wireInt),
  finish_aftersale_sku_cnt: optionalBlank(wireInt),
  title: optional(wireText),
  thumb_img: optional(wireText),
  sku_attrs: optionalList(skuAttr),
  sale_price: optionalBlank(wireFen),
  market_price: optionalBlank(wireFen),
});

const payInfo = z.object({
  pay_method: optional(wireText),
  prepay_id: optional(wireText),
  transaction_id: optional(wireText),
  prepay_time: optionalBlank(wireChinaTime),
  pay_time: optionalBlank(wireChinaTime),
});

const priceInfo = z.object({
  product_price: optionalBlank(wireFen),
  order_price: optionalBlank(wireFen),
  freight: optionalBlank(wireFen),
  discounted_price: optionalBlank(wireFen),
  is_discounted: optional(wireBool),
});

const addressInfo = z.object({
  user_name: optional(wireText),
  postal_code: optional(wireText),
  province_name: optional(wireText),
  city_name: optional(wireText),
  county_name: optional(wireText),
  detail_info: optional(wireText),
  national_code: optional(wireText),
  tel_number: optional(wireText),
});

const expressFee = z.object({
  shipping_method: optional(wireText),
});

const shipmentProduct = z.object({
  product_id: wireId,
  sku_id: optionalBlank(wireId),
  product_cnt: optionalBlank(wireInt),
});

const shipment = z.object({
  waybill_id: optional(wireText),
  delivery_id: optional(wireText),
  delivery_time: optionalBlank(wireUnixSeconds),
  deliver_type: optional(wireText),
  delivery_address: optional(addressInfo),
  product_infos: optionalList(shipmentProduct),
});

const insuranceInfo = z.object({
  type: optional(wireText),
  insurance_price: optionalBlank(wireFen),
});

const deliveryInfo = z.object({
  address_info: optional(addressInfo),
  delivery_method: optional(wireText),
  express_fee: optionalList(expressFee),
  delivery_product_info: optionalList(shipment),
  ship_done_time: optionalBlank(wireUnixSeconds),
  insurance_info: optional(insuranceInfo),
  deliver_type: optional(wireText),
  offline_delivery_time: optionalBlank(wireUnixSeconds),
  offline_pickup_time: optionalBlank(wireUnixSeconds),
});

const aftersaleOrder = z.object({
  aftersale_order_id: wireId,
  status: optionalBlank(wireInt),
});

const aftersaleDetail = z.object({
  aftersale_order_list: optionalList(aftersaleOrder),
  on_aftersale_order_cnt: optionalBlank(wireInt),
});

const extInfo = z.object({
  customer_notes: optional(wireText),
  merchant_notes: optional(wireText),
});

const orderDetail = z.object({
  product_infos: optionalList(productInfo),
  pay_info: optional(payInfo),
  price_info: optional(priceInfo),
  delivery_info: optional(deliveryInfo),
});

/** One order as WeChat sends it ("Order" of Get order details). */
export const miniStoreWireOrder = z.object({
  order_id: wireId,
  status: wireStatus,
  create_time: wireChinaTime,
  update_time: optionalBlank(wireChinaTime),
  order_detail: optional(orderDetail),
  aftersale_detail: optional(aftersaleDetail),
  openid: optional(wireText),
  ext_info: optional(extInfo),
  order_type: optionalBlank(wireInt),
});

export type MiniStoreWireOrder = z.infer<typeof miniStoreWireOrder>;
export type MiniStoreWireProductInfo = z.infer<typeof productInfo>;
export type MiniStoreWireAddressInfo = z.infer<typeof addressInfo>;
export type MiniStoreWireDeliveryInfo = z.infer<typeof deliveryInfo>;

const success = z.preprocess((value) => (value === undefined ? 0 : value), wireInt.pipe(z.literal(0)));

/** `product/order/get_list`: the endpoint name in errors, and where its rows sit in the body. */
export const MINI_STORE_LIST = { endpoint: "product/order/get_list", rows: ["orders"] } as const;

const listResponse = <T extends z.ZodType>(orders: T) =>
  z.object({ errcode: success, errmsg: optional(wireText), orders, total_num: wireInt });

/** `POST product/order/get_list` success body, every order validated in full (the document's mirror). */
export const miniStoreOrderListResponse = listResponse(optionalList(miniStoreWireOrder));

/** A get_list row checked for its sort fields only; the rest on demand, when a page returns it (`miniStoreOrderOfRow`). */
export type MiniStoreListedOrder = ListedOrder<"MINI_STORE", MiniStoreWireOrder>;

/** The same body as the client reads it: rows validated for the walk's sort fields only. */
export const miniStoreListedOrdersResponse = listResponse(
  listedRows(
    "MINI_STORE",
    { orderId: "order_id", createdAt: "create_time" },
    {
      schema: miniStoreWireOrder,
      endpoint: MINI_STORE_LIST.endpoint,
      listPath: MINI_STORE_LIST.rows,
    },
  ),
);

/** `POST product/order/get` success body. */
export const miniStoreOrderGetResponse = z.object({
  errcode: success,
  errmsg: optional(wireText),
  order: miniStoreWireOrder,
});
