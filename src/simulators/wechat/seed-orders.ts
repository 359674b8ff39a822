import { formatChinaLocalTime } from "../../shared/china-time.js";
import { seedOpenid, seedPerson, type SeedPerson } from "../shared/people.js";
import { intBetween, pick, seededRandom } from "../shared/random.js";
import { seedCatalog, uniqueId, type CatalogProduct } from "./catalog.js";
import {
  WECHAT_ORDER_STATUSES,
  type WechatSimRecord,
  type WechatOrderChannel,
  type WechatOrderStatus,
  type WechatSimAddress,
  type WechatSimAftersaleDetail,
  type WechatSimDeliveryInfo,
  type WechatSimOrder,
  type WechatSimPayInfo,
  type WechatSimProductInfo,
  type WechatSimShipment,
} from "./types.js";

// Deterministic order generation. Every field follows from the status: unpaid orders have no
// pay_time, unshipped ones no delivery_product_info, and every event time lies between
// create_time and the simulator's "now".

const DAY = 86_400;
/**
 * Status weights for random orders by age: young orders are mostly still open, orders older than
 * two weeks have mostly reached a final status, as in a real shop.
 */
const STATUS_WEIGHTS: { maxAgeS: number; weights: Record<WechatOrderStatus, number> }[] = [
  {
    maxAgeS: DAY,
    weights: { 10: 15, 15: 3, 16: 6, 17: 6, 20: 30, 21: 5, 30: 15, 100: 5, 181: 1, 190: 1, 200: 0, 250: 13 },
  },
  {
    maxAgeS: 15 * DAY,
    weights: { 10: 2, 15: 1, 16: 2, 17: 2, 20: 8, 21: 2, 30: 20, 100: 40, 181: 2, 190: 1, 200: 4, 250: 16 },
  },
  {
    maxAgeS: Infinity,
    weights: { 10: 0, 15: 0, 16: 0, 17: 1, 20: 1, 21: 0, 30: 2, 100: 70, 181: 2, 190: 1, 200: 5, 250: 18 },
  },
];
const IN_PROGRESS_AFTERSALE = [2, 5, 8, 11] as const;
const CLOSED_AFTERSALE = [13, 13, 13, 1, 3] as const;
const COURIERS = ["STO", "SF", "YTO", "ZTO", "YD", "JTSD", "EMS"] as const;
const CUSTOMER_NOTES = [
  "发顺丰",
  "请尽快发货,谢谢!",
  "不要放快递柜",
  "送人的,别放发票",
  "周末再送 😊",
] as const;
const MERCHANT_NOTES = ["库存不足,取消", "已电话确认地址", "赠品:试用装×1", "VIP客户/优先发货"] as const;

type DeliveryMode = "express" | "sameCity" | "pickup";
const DELIVERY_MODES: Record<DeliveryMode, { method: string; deliverType: string; shipping?: string }> = {
  express: {
    method: "快递",
    deliverType: "DELIVERY_TYPE_OPTIONAL_EXPRESS",
    shipping: "ShippingMethod_Express",
  },
  sameCity: {
    method: "同城配送",
    deliverType: "DELIVERY_TYPE_SAME_CITY",
    shipping: "ShippingMethod_SameCity",
  },
  pickup: { method: "到店自提", deliverType: "DELIVERY_TYPE_OFFLINE_PICKUP" },
};

/** Status 16 waits for a same-city or pick-up merchant, 17 for a pick-up write-off; others ship mostly by courier. */
function deliveryMode(random: () => number, status: WechatOrderStatus, rich: boolean): DeliveryMode {
  if (status === 17) return "pickup";
  if (status === 16) return random() < 0.5 ? "sameCity" : "pickup";
  if (rich || status === 21 || status === 200) return "express";
  const roll = random();
  return roll < 0.75 ? "express" : roll < 0.88 ? "sameCity" : "pickup";
}

export interface OrderFactory {
  /** A new order; `rich` fills every optional field the document shows. */
  create(spec: { createdAt: Date; status: WechatOrderStatus; now: Date; rich?: boolean }): WechatSimOrder;
  /** A plausible status for an order created `ageSeconds` ago. */
  randomStatus(ageSeconds: number): WechatOrderStatus;
}

/** The shop's order factory: one seeded stream for seeding and later admin inserts; `usedIds` keeps ids unique. */
export function orderFactory(seed: number, usedIds: Set<bigint>): OrderFactory {
  const random = seededRandom(seed);
  const catalog = seedCatalog(seededRandom(seed ^ 0x5eed), usedIds);
  const buyers: { person: SeedPerson; openid: string }[] = [];
  const buyer = () => {
    // Repeat customers: a growing pool, reused two times out of three.
    if (buyers.length > 0 && random() < 0.66) return pick(random, buyers);
    const next = { person: seedPerson(random), openid: seedOpenid(random) };
    buyers.push(next);
    return next;
  };
  const statusTables = STATUS_WEIGHTS.map(({ maxAgeS, weights }) => ({
    maxAgeS,
    table: WECHAT_ORDER_STATUSES.flatMap((s) => Array<WechatOrderStatus>(weights[s]).fill(s)),
  }));
  return {
    randomStatus: (ageSeconds) => pick(random, statusTables.find((t) => ageSeconds < t.maxAgeS)!.table),
    create: (spec) => buildOrder(random, catalog, usedIds, buyer(), spec),
  };
}

function buildOrder(
  random: () => number,
  catalog: CatalogProduct[],
  usedIds: Set<bigint>,
  buyer: { person: SeedPerson; openid: string },
  spec: { createdAt: Date; status: WechatOrderStatus; now: Date; rich?: boolean },
): WechatSimOrder {
  const { status, rich = false } = spec;
  const chance = (p: number) => rich || random() < p;
  const nowMs = spec.now.getTime();
  let clock = Math.min(spec.createdAt.getTime(), nowMs);
  const createdMs = clock;
  /** Moves the order's own clock forward by a random span, never past "now". */
  const later = (minS: number, maxS: number) =>
    (clock = Math.min(nowMs, clock + intBetween(random, minS, maxS) * 1000));
  const local = (ms: number) => formatChinaLocalTime(new Date(ms));
  const unix = (ms: number) => String(Math.floor(ms / 1000));

  const unpaidCancel = status === 250 && random() < 0.6;
  const paid = status !== 10 && !unpaidCancel;
  const mode = deliveryMode(random, status, rich);
  const shipsAll =
    mode !== "pickup" && (status === 30 || status === 100 || (status === 200 && random() < 0.5));
  const shipsPart = status === 21;

  const products = pickProducts(random, catalog, rich, shipsPart);
  const productPrice = products.reduce((sum, p) => sum + p.sale_price * p.sku_cnt, 0);
  const freight = mode === "pickup" || random() < 0.55 ? 0 : pick(random, [500, 800, 1000, 1200]);
  const discounted = chance(0.3) ? Math.min(productPrice - 1, pick(random, [300, 500, 1000, 2000])) : 0;

  later(0, 5);
  const prepayMs = clock;
  const payInfo: WechatSimPayInfo | undefined =
    paid || chance(0.7)
      ? {
          pay_method: "微信支付",
          prepay_id: `wx${local(prepayMs).replace(/\D/g, "").slice(2)}${digits(random, 18)}`,
          prepay_time: local(prepayMs),
        }
      : undefined;
  if (paid && payInfo) {
    const payMs = later(10, 1800);
    payInfo.transaction_id = `4200${digits(random, 6)}${local(payMs).replace(/\D/g, "").slice(0, 8)}${digits(random, 10)}`;
    payInfo.pay_time = local(payMs);
  }
  if (status === 181 || status === 190 || status === 250)
    later(unpaidCancel ? 900 : 3600, unpaidCancel ? 1800 : 2 * DAY);

  const address = toAddress(buyer.person, random);
  const shipments: WechatSimShipment[] = [];
  if (shipsAll || shipsPart) {
    later(3600, 3 * DAY);
    const packages = shipsPart
      ? [products.slice(0, 1)]
      : chance(0.2) && products.length > 1
        ? [products.slice(0, 1), products.slice(1)]
        : [products];
    for (const items of packages) {
      shipments.push({
        waybill_id: digits(random, 12),
        delivery_id: mode === "sameCity" ? "SFTC" : pick(random, COURIERS),
        delivery_time: unix(later(0, DAY)),
        deliver_type: DELIVERY_MODES[mode].deliverType,
        delivery_address: { ...address },
        product_infos: items.map((p) => ({
          product_id: p.product_id,
          sku_id: p.sku_id,
          // A partial shipment of a single line sends all but one unit.
          product_cnt: shipsPart && products.length === 1 ? p.sku_cnt - 1 : p.sku_cnt,
        })),
      });
    }
  }
  const shipDoneMs = shipsAll ? clock : undefined;
  // Same-city delivery and pick-up carry an appointment once the merchant has accepted the order.
  const appointed =
    mode === "sameCity" ? [20, 30, 100].includes(status) : mode === "pickup" && [17, 100].includes(status);
  const appointmentS = appointed ? Math.floor(clock / 1000) + intBetween(random, 2, 48) * 3600 : 0;
  if (status === 100) later(2 * DAY, 10 * DAY);

  const aftersale = buildAftersale(random, usedIds, status, paid, rich, products);
  if (aftersale && aftersale.aftersale_order_list.length > 0) later(3600, 5 * DAY);

  const deliveryInfo: WechatSimDeliveryInfo = {
    ...(mode !== "pickup" || chance(0.1) ? { address_info: address } : {}),
    delivery_method: DELIVERY_MODES[mode].method,
    express_fee: DELIVERY_MODES[mode].shipping ? [{ shipping_method: DELIVERY_MODES[mode].shipping }] : [],
    ...(shipments.length > 0 ? { delivery_product_info: shipments } : {}),
    ...(shipDoneMs !== undefined ? { ship_done_time: unix(shipDoneMs) } : {}),
    ...(chance(0.8) ? { insurance_info: insurance(random, rich) } : {}),
    deliver_type: DELIVERY_MODES[mode].deliverType,
    offline_delivery_time: mode === "sameCity" ? appointmentS : 0,
    offline_pickup_time: mode === "pickup" ? appointmentS : 0,
  };

  const order: WechatSimOrder = {
    order_id: uniqueId(random, usedIds, random() < 0.34, random() < 0.5 ? 11 : 12),
    status,
    create_time: local(createdMs),
    update_time: local(clock),
    order_detail: {
      product_infos: products,
      ...(payInfo ? { pay_info: payInfo } : {}),
      price_info: {
        product_price: productPrice,
        order_price: productPrice - discounted + freight,
        freight,
        discounted_price: discounted,
        is_discounted: discounted > 0,
      },
      delivery_info: deliveryInfo,
    },
    ...(aftersale ? { aftersale_detail: aftersale } : {}),
    openid: buyer.openid,
    ...extInfo(random, rich),
    order_type: random() < 0.9 ? 0 : 1,
  };
  return order;
}

function pickProducts(
  random: () => number,
  catalog: CatalogProduct[],
  rich: boolean,
  needsTwoUnits: boolean,
): WechatSimProductInfo[] {
  const pool = rich ? catalog.filter((p) => p.skus.some((s) => s.attrs.length > 0)) : catalog;
  const lines = rich ? 2 : pick(random, [1, 1, 1, 1, 2, 2, 3, 4]);
  const chosen = new Set<CatalogProduct>();
  while (chosen.size < Math.min(lines, pool.length)) chosen.add(pick(random, pool));
  return [...chosen].map((product, index) => {
    const withAttrs = product.skus.filter((s) => s.attrs.length > 0);
    const sku = rich && withAttrs.length > 0 ? pick(random, withAttrs) : pick(random, product.skus);
    const lone = chosen.size === 1 && index === 0;
    return {
      product_id: product.productId,
      sku_id: sku.skuId,
      sku_cnt: needsTwoUnits && lone ? intBetween(random, 2, 3) : pick(random, [1, 1, 1, 2, 3, 10]),
      on_aftersale_sku_cnt: 0,
      finish_aftersale_sku_cnt: 0,
      title: product.title,
      thumb_img: product.thumbImg,
      sku_attrs: sku.attrs.map((a) => ({ ...a })),
      sale_price: sku.salePrice,
      market_price: sku.marketPrice,
    };
  });
}

/** Aftersale records on paid orders; updates the lines' aftersale counters to match. */
function buildAftersale(
  random: () => number,
  usedIds: Set<bigint>,
  status: WechatOrderStatus,
  paid: boolean,
  rich: boolean,
  products: WechatSimProductInfo[],
): WechatSimAftersaleDetail | undefined {
  if (!paid) return undefined;
  // Status 200 means every line was refunded; otherwise only some orders have records.
  const lines =
    status === 200
      ? products
      : rich || ([20, 21, 30, 100, 250].includes(status) && random() < 0.15)
        ? products.slice(0, intBetween(random, 1, products.length))
        : [];
  if (lines.length === 0) {
    return random() < 0.05 ? { aftersale_order_list: [], on_aftersale_order_cnt: 0 } : undefined;
  }
  const list = lines.map((line, index) => {
    const open = status !== 200 && status !== 250 && (rich ? index === 0 : random() < 0.4);
    const state = open
      ? pick(random, IN_PROGRESS_AFTERSALE)
      : status === 200
        ? 13
        : pick(random, CLOSED_AFTERSALE);
    if (open) line.on_aftersale_sku_cnt = line.sku_cnt;
    if (state === 13) line.finish_aftersale_sku_cnt = line.sku_cnt;
    return { aftersale_order_id: uniqueId(random, usedIds, random() < 0.5, 16), status: state };
  });
  return {
    aftersale_order_list: list,
    on_aftersale_order_cnt: list.filter((a) =>
      (IN_PROGRESS_AFTERSALE as readonly number[]).includes(a.status),
    ).length,
  };
}

function toAddress(person: SeedPerson, random: () => number): WechatSimAddress {
  return {
    user_name: person.name,
    postal_code: random() < 0.1 ? "" : person.postalCode,
    province_name: person.province,
    city_name: person.city,
    county_name: person.district,
    detail_info: person.street,
    national_code: person.nationalCode,
    tel_number: person.phone,
  };
}

function insurance(random: () => number, rich: boolean) {
  const type =
    rich || random() < 0.3
      ? pick(random, ["InsuranceSourceType_Merchant", "InsuranceSourceType_Platform"])
      : "InsuranceSourceType_None";
  return { type, insurance_price: type === "InsuranceSourceType_None" ? 0 : intBetween(random, 30, 300) };
}

function extInfo(random: () => number, rich: boolean): Pick<WechatSimOrder, "ext_info"> {
  if (rich)
    return {
      ext_info: {
        customer_notes: pick(random, CUSTOMER_NOTES),
        merchant_notes: pick(random, MERCHANT_NOTES),
      },
    };
  const roll = random();
  if (roll < 0.3) return {};
  if (roll < 0.45) return { ext_info: { customer_notes: "", merchant_notes: "" } };
  return {
    ext_info: {
      ...(random() < 0.6 ? { customer_notes: pick(random, CUSTOMER_NOTES) } : {}),
      ...(random() < 0.3 ? { merchant_notes: pick(random, MERCHANT_NOTES) } : {}),
    },
  };
}

function digits(random: () => number, count: number): string {
  let text = "";
  while (text.length < count) text += String(intBetween(random, 0, 9));
  return text;
}

export interface SeedOptions {
  seed: number;
  count: number;
  days: number;
  now: Date;
}

/**
 * The initial shop. The first 24 orders carry every status once on each channel (the two
 * source-1 orders of status 30 and 100 fill every documented field); the rest are random.
 */
export function seedOrders(options: SeedOptions, factory: OrderFactory): WechatSimRecord[] {
  const random = seededRandom(options.seed ^ 0x9e3779b9);
  const nowMs = Math.floor(options.now.getTime() / 1000) * 1000;
  const spanS = options.days * DAY;
  return Array.from({ length: options.count }, (_, index) => {
    const guaranteed = index < 2 * WECHAT_ORDER_STATUSES.length;
    const ageS = intBetween(random, 0, spanS);
    const createdAt = new Date(nowMs - ageS * 1000);
    const status = guaranteed
      ? WECHAT_ORDER_STATUSES[index % WECHAT_ORDER_STATUSES.length]!
      : factory.randomStatus(ageS);
    const source: WechatOrderChannel = guaranteed
      ? index < WECHAT_ORDER_STATUSES.length
        ? 1
        : 2
      : random() < 0.85
        ? 1
        : 2;
    const rich = source === 1 && guaranteed && (status === 30 || status === 100);
    return { source, order: factory.create({ createdAt, status, now: options.now, rich }) };
  });
}
