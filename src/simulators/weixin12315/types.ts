import type { LosslessNumber } from "lossless-json";

/** Order statuses as the document lists them; the request code of each is its index + 1. */
export const WEIXIN12315_STATUS_NAMES = [
  "待付款",
  "待发货",
  "待收货",
  "完成交易",
  "取消交易",
  "退款订单",
] as const;
export type Weixin12315StatusName = (typeof WEIXIN12315_STATUS_NAMES)[number];

/** `orderscope` of an order: 1 微商城, 2 拼团, 3 奖品 (0 in a request means all). */
export type OrderScope = 1 | 2 | 3;
/** Group-buy (`packagestatus`) state of a 拼团 order: 0 forming, 1 succeeded, 2 failed. */
export type GroupStatus = 0 | 1 | 2;

/** `return_code`s this simulator answers with (always written as strings). */
export const WEIXIN12315_RETURN_CODES = {
  success: "0",
  /** Request body is not JSON (answered by the shared HTTP shell); also the default injected fault. */
  invalidJson: "-1",
  missingAuthHeaders: "40001",
  unknownAppId: "40002",
  malformedTimestamp: "40003",
  staleTimestamp: "40004",
  badSign: "40005",
  replayedNonce: "40006",
  invalidParameter: "40010",
} as const;

/** One order line as written on the wire. Decimals are `LosslessNumber`s so `56.00` keeps its text. */
export interface Weixin12315SimItem {
  recordID: number;
  orderID: number;
  activityID: number;
  productID: number;
  productName: string;
  number: string;
  amount: number;
  originalPrice: LosslessNumber;
  totalPrice: LosslessNumber;
  discount: LosslessNumber;
  payPrice: LosslessNumber;
  payPoint: number;
  publishedTime: string;
  formatID: number;
  picUrl: string;
  ggRemark: string;
  weight: LosslessNumber;
  yhRemark: string;
  productType: number;
  lastTimestamp: string;
  source: number;
  cxActivityID: number;
  type: number;
  purchasePrice: LosslessNumber;
}

/** One order exactly as the list endpoint writes it (the document's example plus its table). */
export interface Weixin12315SimOrder {
  orderid: string;
  ordernumber: string;
  nickname: string;
  ordertime: string;
  orderstatus: Weixin12315StatusName;
  payprice: string;
  payway: string;
  usepoints: string;
  fees: string;
  ischeck: string;
  remark: string;
  businessremark: string;
  openid: string;
  postcode: string;
  province: string;
  city: string;
  county: string;
  address: string;
  mobile: string;
  consignee: string;
  passtime: string;
  items: Weixin12315SimItem[];
}

/** An order as the simulator holds it: the wire shape plus what the filters need but the wire hides. */
export interface Weixin12315SimRecord {
  order: Weixin12315SimOrder;
  orderedAt: Date;
  orderscope: OrderScope;
  /** Only 拼团 orders have one. */
  packagestatus: GroupStatus | null;
  /** 收货时间: set for received orders (完成交易, some 退款订单); never on the wire. */
  receivedAt: Date | null;
}
