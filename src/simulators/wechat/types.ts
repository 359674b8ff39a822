// The wire shape of a WeChat Mini Store order, key for key as the document's example shows it.
// Ids are bigint so that 19-digit values stay exact; they are written as bare JSON numbers.

/** The 12 values of the document's RequestOrderStatus enumeration. */
export const WECHAT_ORDER_STATUSES = [10, 15, 16, 17, 20, 21, 30, 100, 181, 190, 200, 250] as const;
export type WechatOrderStatus = (typeof WECHAT_ORDER_STATUSES)[number];

/** `source` of get_list: 1 Mini Store (the default), 2 CPS ("带货"). */
export type WechatOrderChannel = 1 | 2;

export interface WechatSimSkuAttr {
  attr_key: string;
  attr_value: string;
}

export interface WechatSimProductInfo {
  product_id: bigint;
  sku_id: bigint;
  sku_cnt: number;
  on_aftersale_sku_cnt: number;
  finish_aftersale_sku_cnt: number;
  title: string;
  thumb_img: string;
  sku_attrs: WechatSimSkuAttr[];
  /** Fen. */
  sale_price: number;
  /** Fen. */
  market_price: number;
}

export interface WechatSimPayInfo {
  pay_method: string;
  prepay_id: string;
  /** Absent until paid. */
  transaction_id?: string;
  prepay_time: string;
  /** Absent until paid. */
  pay_time?: string;
}

/** All fen. `order_price = product_price - discounted_price + freight`. */
interface WechatSimPriceInfo {
  product_price: number;
  order_price: number;
  freight: number;
  discounted_price: number;
  is_discounted: boolean;
}

export interface WechatSimAddress {
  user_name: string;
  postal_code: string;
  province_name: string;
  city_name: string;
  county_name: string;
  detail_info: string;
  national_code: string;
  tel_number: string;
}

export interface WechatSimShipment {
  waybill_id: string;
  delivery_id: string;
  /** Unix seconds as a digit string. */
  delivery_time: string;
  deliver_type: string;
  delivery_address: WechatSimAddress;
  product_infos: { product_id: bigint; sku_id: bigint; product_cnt: number }[];
}

export interface WechatSimDeliveryInfo {
  address_info?: WechatSimAddress;
  delivery_method: string;
  express_fee: { shipping_method: string }[];
  /** Absent until something is shipped. */
  delivery_product_info?: WechatSimShipment[];
  /** Unix seconds as a digit string; absent until everything is shipped. */
  ship_done_time?: string;
  insurance_info?: { type: string; insurance_price: number };
  deliver_type: string;
  /** Unix seconds; 0 when unset. */
  offline_delivery_time: number;
  /** Unix seconds; 0 when unset. */
  offline_pickup_time: number;
}

export interface WechatSimAftersaleDetail {
  aftersale_order_list: { aftersale_order_id: bigint; status: number }[];
  on_aftersale_order_cnt: number;
}

export interface WechatSimOrder {
  order_id: bigint;
  status: number;
  /** `yyyy-MM-dd HH:mm:ss`, China time. */
  create_time: string;
  /** `yyyy-MM-dd HH:mm:ss`, China time. */
  update_time: string;
  order_detail: {
    product_infos: WechatSimProductInfo[];
    pay_info?: WechatSimPayInfo;
    price_info: WechatSimPriceInfo;
    delivery_info: WechatSimDeliveryInfo;
  };
  aftersale_detail?: WechatSimAftersaleDetail;
  openid: string;
  ext_info?: { customer_notes?: string; merchant_notes?: string };
  order_type: number;
}

/** An order as the simulator holds it: the wire order plus the channel it was sold through. */
export interface WechatSimRecord {
  source: WechatOrderChannel;
  order: WechatSimOrder;
}
