import { LosslessNumber } from "lossless-json";
import { formatChinaCompactTime, formatChinaLocalTime } from "../../shared/china-time.js";
import { moneyFromFen, moneyFromYuanText } from "../../shared/money.js";
import { seedOpenid, seedPerson } from "../shared/people.js";
import { intBetween, pick } from "../shared/random.js";
import { CATALOG, productPicUrl, type CatalogProduct } from "./catalog.js";
import { formatChinaSlashTime, truncateToSecond } from "./time-text.js";
import type {
  GroupStatus,
  OrderScope,
  Weixin12315SimItem,
  Weixin12315SimOrder,
  Weixin12315SimRecord,
  Weixin12315StatusName,
} from "./types.js";

// Amount rules (all integer fen, written with two decimals):
//   item totalPrice = originalPrice × amount (the line total at list price)
//   item payPrice   = totalPrice × discount, rounded half up to the fen (prizes: discount 0.00, paid in points)
//   order payprice  = Σ item payPrice + fees;  usepoints = Σ item payPoint

const DAY_SECONDS = 86_400;
const STATUS_WEIGHTS: readonly [Weixin12315StatusName, number][] = [
  ["待付款", 10],
  ["待发货", 15],
  ["待收货", 15],
  ["完成交易", 40],
  ["取消交易", 12],
  ["退款订单", 8],
];
const SCOPE_WEIGHTS: readonly [OrderScope, number][] = [
  [1, 75],
  [2, 15],
  [3, 10],
];
const ITEM_COUNT_WEIGHTS: readonly [number, number][] = [
  [1, 65],
  [2, 20],
  [3, 10],
  [4, 5],
];
/** Promotion discounts with the 优惠备注 the shop shows for them. */
const PROMOTIONS = [
  ["0.95", "限时9.5折"],
  ["0.90", "限时9折"],
  ["0.88", "限时8.8折"],
] as const;
const FEES_FEN = [0, 0, 0, 600, 800, 1000, 1200] as const;
const PAYWAYS = ["微信支付", "微信支付", "余额支付", "货到付款"] as const;
const REMARKS = [
  "",
  "",
  "",
  "请尽快发货",
  "不要放发票",
  "周末送货，谢谢！",
  '送人的，别放价格单 "谢谢"',
] as const;
const BUSINESS_REMARKS = ["", "", "", "已电话确认", "VIP客户/优先发货", "缺货，已联系买家"] as const;
const PAID_STATUSES: readonly Weixin12315StatusName[] = ["待发货", "待收货", "完成交易", "退款订单"];
/** The example's openids share this prefix: one official account's openid namespace. */
const OPENID_PREFIX = "os9Z";

/** What a caller may fix about an order before the rest is generated. */
export interface OrderDraft {
  orderedAt: Date;
  status?: Weixin12315StatusName;
  scope?: OrderScope;
  groupStatus?: GroupStatus;
}

const yuan = (fen: number) => moneyFromFen(fen).amount;
const decimal = (text: string) => new LosslessNumber(text);

function weighted<T>(random: () => number, table: readonly [T, number][]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [value, w] of table) {
    roll -= w;
    if (roll < 0) return value;
  }
  return table[table.length - 1]![0];
}

/** `布丁鱼` → `布***鱼`, as the example masks nicknames. */
function maskNickname(nickname: string): string {
  const chars = Array.from(nickname);
  return chars.length < 2 ? `${nickname}***` : `${chars[0]}***${chars[chars.length - 1]}`;
}

/** `os9Zrt_b*****************`: the example keeps 8 characters of the openid and stars the rest. */
const maskOpenid = (openid: string) => `${openid.slice(0, 8)}${"*".repeat(17)}`;

/** SQL Server rowversion style: 8 bytes big-endian, base64 (`AAAAAAGnImo=`). */
function rowVersion(recordId: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(0x01a7226a + recordId * 7919));
  return bytes.toString("base64");
}

const addSeconds = (instant: Date, seconds: number) => new Date(instant.getTime() + seconds * 1000);

/** A random instant after `from`, at most `maxSeconds` later and never after `now`. */
function laterThan(random: () => number, from: Date, now: Date, maxSeconds: number): Date {
  const room = Math.max(0, Math.min(maxSeconds, Math.floor((now.getTime() - from.getTime()) / 1000)));
  return addSeconds(from, Math.floor(random() * (room + 1)));
}

/** 拼团 state consistent with the order's status. */
function groupStatusFor(random: () => number, status: Weixin12315StatusName): GroupStatus {
  switch (status) {
    case "待付款":
      return 0;
    case "待发货":
      return random() < 0.4 ? 0 : 1;
    case "取消交易":
      return 2;
    case "退款订单":
      return random() < 0.7 ? 2 : 1;
    default:
      return 1;
  }
}

/**
 * Builds orders with increasing `orderid`/`recordID` and unique order numbers. One seeded random
 * stream feeds both the initial shop and later admin inserts, so a run is reproducible.
 */
export class OrderFactory {
  private nextOrderId = 9_950;
  private nextRecordId = 8_800;
  private readonly numbers = new Set<string>();

  constructor(private readonly random: () => number) {}

  hasOrderNumber(ordernumber: string): boolean {
    return this.numbers.has(ordernumber);
  }

  /** Replaces a generated order number with a caller's own (already checked to be unique). */
  renumber(record: Weixin12315SimRecord, ordernumber: string): Weixin12315SimRecord {
    this.numbers.delete(record.order.ordernumber);
    this.numbers.add(ordernumber);
    return { ...record, order: { ...record.order, ordernumber } };
  }

  create(draft: OrderDraft, now: Date): Weixin12315SimRecord {
    const random = this.random;
    const orderedAt = truncateToSecond(draft.orderedAt);
    const orderId = this.nextOrderId;
    this.nextOrderId += random() < 0.05 ? intBetween(random, 2, 4) : 1;
    const scope = draft.scope ?? weighted(random, SCOPE_WEIGHTS);
    const status = draft.status ?? weighted(random, STATUS_WEIGHTS);
    const person = seedPerson(random);
    const openid = seedOpenid(random, OPENID_PREFIX);

    const items = this.items(scope, orderId, orderedAt);
    const physical = items.some((item) => item.type === 0);
    const feesFen = scope === 3 || !physical ? 0 : pick(random, FEES_FEN);
    const payFen =
      items.reduce((sum, item) => sum + moneyFromYuanText(item.payPrice.toString()).minorUnits, 0) + feesFen;
    const points = items.reduce((sum, item) => sum + item.payPoint, 0);
    const paid = PAID_STATUSES.includes(status);
    const passAt = paid ? laterThan(random, orderedAt, now, 1800) : null;
    const received = status === "完成交易" || (status === "退款订单" && random() < 0.5);
    const nickname = random() < 0.03 ? "" : random() < 0.4 ? maskNickname(person.nickname) : person.nickname;

    const order: Weixin12315SimOrder = {
      orderid: String(orderId),
      ordernumber: this.orderNumber(orderedAt),
      nickname,
      ordertime: formatChinaSlashTime(orderedAt),
      orderstatus: status,
      payprice: yuan(payFen),
      payway: !paid ? "" : scope === 3 ? "积分兑换" : pick(random, PAYWAYS),
      usepoints: String(points),
      fees: yuan(feesFen),
      ischeck: status === "完成交易" && random() < 0.3 ? "1" : "0",
      remark: pick(random, REMARKS),
      businessremark: pick(random, BUSINESS_REMARKS),
      openid: random() < 0.4 ? maskOpenid(openid) : openid,
      postcode: physical && random() > 0.05 ? person.postalCode : "",
      province: physical ? person.province : "",
      city: physical ? person.city : "",
      county: physical ? person.district : "",
      address: physical ? person.street : "",
      mobile: physical ? person.phone : "",
      consignee: physical ? person.name : "",
      passtime: passAt ? formatChinaSlashTime(passAt) : "",
      items,
    };
    return {
      order,
      orderedAt,
      orderscope: scope,
      packagestatus: scope === 2 ? (draft.groupStatus ?? groupStatusFor(random, status)) : null,
      receivedAt: received && passAt ? laterThan(random, passAt, now, 10 * DAY_SECONDS) : null,
    };
  }

  private orderNumber(orderedAt: Date): string {
    const minute = formatChinaCompactTime(orderedAt).slice(0, 12);
    let candidate: string;
    do candidate = `fw${minute}${String(intBetween(this.random, 0, 9999)).padStart(4, "0")}`;
    while (this.numbers.has(candidate));
    this.numbers.add(candidate);
    return candidate;
  }

  private items(scope: OrderScope, orderId: number, orderedAt: Date): Weixin12315SimItem[] {
    const random = this.random;
    const count = scope === 1 ? weighted(random, ITEM_COUNT_WEIGHTS) : 1;
    const products = new Set<CatalogProduct>();
    while (products.size < count) products.add(pick(random, CATALOG));
    const groupActivity = scope === 2 ? intBetween(random, 6001, 6040) : 0;

    return [...products].map((p) => {
      const amount = scope === 3 ? 1 : intBetween(random, 1, scope === 2 ? 2 : 3);
      const promotion = scope === 1 && random() < 0.25 ? intBetween(random, 881, 899) : 0;
      const [discount, yhRemark] =
        scope === 3
          ? ["0.00", ""]
          : scope === 2
            ? ["0.80", "拼团价"]
            : promotion
              ? pick(random, PROMOTIONS)
              : ["1.00", ""];
      const totalFen = p.priceFen * amount;
      const hundredths = Number(discount.replace(".", ""));
      const payFen = Math.floor((totalFen * hundredths + 50) / 100);
      const format = p.formats.length > 0 ? pick(random, p.formats) : undefined;
      const recordId = this.nextRecordId++;
      return {
        recordID: recordId,
        orderID: orderId,
        activityID: groupActivity,
        productID: p.productID,
        productName: p.name,
        number: p.number,
        amount,
        originalPrice: decimal(yuan(p.priceFen)),
        totalPrice: decimal(yuan(totalFen)),
        discount: decimal(discount),
        payPrice: decimal(yuan(payFen)),
        payPoint: scope === 3 ? p.points * amount : 0,
        publishedTime: formatChinaLocalTime(orderedAt),
        formatID: format?.id ?? 0,
        picUrl: productPicUrl(p),
        ggRemark: format?.remark ?? "",
        weight: decimal(p.weight),
        yhRemark,
        productType: scope === 3 ? 1 : 0,
        lastTimestamp: rowVersion(recordId),
        source: p.source,
        cxActivityID: promotion,
        type: p.type,
        purchasePrice: decimal(yuan(p.purchaseFen)),
      };
    });
  }
}

/**
 * The status change an admin makes, with its consequences: paying stamps `passtime` (now) and a
 * payway, 完成交易 stamps the receive time, going back to 待付款 clears payment, and only 完成交易 /
 * 退款订单 keep a receive time. 拼团 state is left as it was.
 */
export function withStatus(
  record: Weixin12315SimRecord,
  status: Weixin12315StatusName,
  now: Date,
): Weixin12315SimRecord {
  const order = { ...record.order, orderstatus: status };
  if (status === "待付款") {
    order.passtime = "";
    order.payway = "";
  } else if (PAID_STATUSES.includes(status) && order.passtime === "") {
    order.passtime = formatChinaSlashTime(now);
    order.payway = record.orderscope === 3 ? "积分兑换" : "微信支付";
  }
  const receivedAt =
    status === "完成交易"
      ? (record.receivedAt ?? truncateToSecond(now))
      : status === "退款订单"
        ? record.receivedAt
        : null;
  return { ...record, order, receivedAt };
}

/** The initial shop: `count` orders spread over the `days` before `now`, a few sharing a second. */
export function seedOrders(
  factory: OrderFactory,
  random: () => number,
  count: number,
  days: number,
  now: Date,
) {
  const end = truncateToSecond(now);
  const times: Date[] = [];
  for (let i = 0; i < count; i++) {
    const previous = times[times.length - 1];
    times.push(
      previous && random() < 0.02 ? previous : addSeconds(end, -Math.floor(random() * days * DAY_SECONDS)),
    );
  }
  times.sort((a, b) => a.getTime() - b.getTime());
  return times.map((orderedAt) => factory.create({ orderedAt }, end));
}
