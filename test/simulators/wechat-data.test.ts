import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseChinaLocalTime } from "../../src/shared/china-time.js";
import { writeSimulatorJson } from "../../src/simulators/shared/json.js";
import {
  WECHAT_ORDER_STATUSES,
  startWechatSimulator,
  type WechatSimOrder,
  type WechatSimulator,
} from "../../src/simulators/wechat/index.js";
import { APPID, NOW, SECRET } from "./wechat-support.js";

// The seeded shop: the document's field set, the rules tying fields to the status, and determinism.

/** The order of the document's get_list example ("..." elements dropped). */
const DOC_ORDER = {
  order_id: 12123121332,
  status: 20,
  create_time: "2020-03-25 13:05:25",
  update_time: "2020-03-25 14:05:25",
  order_detail: {
    product_infos: [
      {
        product_id: 234245,
        sku_id: 23424,
        sku_cnt: 10,
        on_aftersale_sku_cnt: 10,
        finish_aftersale_sku_cnt: 0,
        title: "健身环",
        thumb_img:
          "http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg",
        sku_attrs: [{ attr_key: "选择颜色", attr_value: "红蓝主机" }],
        sale_price: 2000,
        market_price: 2000,
      },
    ],
    pay_info: {
      pay_method: "微信支付",
      prepay_id: "42526234625",
      transaction_id: "131456479687",
      prepay_time: "2020-03-25 14:04:25",
      pay_time: "2020-03-25 14:05:25",
    },
    price_info: {
      product_price: 20000,
      order_price: 10500,
      freight: 500,
      discounted_price: 10000,
      is_discounted: true,
    },
    delivery_info: {
      address_info: {
        user_name: "陈先生",
        postal_code: "2435245",
        province_name: "广东",
        city_name: "广州",
        county_name: "海珠区",
        detail_info: "大塘",
        national_code: "234234",
        tel_number: "24534252",
      },
      delivery_method: "快递",
      express_fee: [{ shipping_method: "ShippingMethod_Express" }],
      delivery_product_info: [
        {
          waybill_id: "134654612313",
          delivery_id: "STO",
          delivery_time: "1620738080",
          deliver_type: "DELIVERY_TYPE_OPTIONAL_EXPRESS",
          delivery_address: {
            user_name: "陈先生",
            postal_code: "2435245",
            province_name: "广东",
            city_name: "广州",
            county_name: "海珠区",
            detail_info: "大塘",
            national_code: "234234",
            tel_number: "24534252",
          },
          product_infos: [{ product_id: 234245, sku_id: 23424, product_cnt: 1 }],
        },
      ],
      ship_done_time: "1620738080",
      insurance_info: { type: "InsuranceSourceType_None", insurance_price: 0 },
      deliver_type: "DELIVERY_TYPE_OPTIONAL_EXPRESS",
      offline_delivery_time: 0,
      offline_pickup_time: 0,
    },
  },
  aftersale_detail: {
    aftersale_order_list: [{ aftersale_order_id: 1234, status: 13 }],
    on_aftersale_order_cnt: 1,
  },
  openid: "oDNt95V1edm_RT8K5GSLW4dQYciE",
  ext_info: { customer_notes: "发顺丰", merchant_notes: "库存不足,取消" },
  order_type: 0,
};

/** Every key path of a value, arrays written as `[]` (e.g. `order_detail.product_infos[].title`). */
function keyPaths(value: unknown, prefix = "", into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keyPaths(item, `${prefix}[]`, into);
  else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      into.add(path);
      keyPaths(child, path, into);
    }
  }
  return into;
}

const DAY_MS = 86_400_000;
const LOCAL = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const instant = (text: string) => parseChinaLocalTime(text)!.getTime();
const units = (lines: { sku_cnt?: number; product_cnt?: number }[]) =>
  lines.reduce((sum, l) => sum + (l.sku_cnt ?? l.product_cnt ?? 0), 0);
const shipped = (o: WechatSimOrder) =>
  units((o.order_detail.delivery_info.delivery_product_info ?? []).flatMap((s) => s.product_infos));

let sim: WechatSimulator;
let orders: WechatSimOrder[];
beforeAll(async () => {
  sim = await startWechatSimulator({ appid: APPID, secret: SECRET, now: () => NOW });
  orders = sim.orders();
});
afterAll(() => sim.close());

describe("field set", () => {
  const docPaths = [...keyPaths(DOC_ORDER)].sort();

  it("some order carries exactly the document example's keys, recursively", () => {
    const full = orders.filter((o) => [...keyPaths(o)].sort().join() === docPaths.join());
    expect(full.length).toBeGreaterThanOrEqual(2);
  });

  it("no order carries a key the document does not show", () => {
    const union = new Set(orders.flatMap((o) => [...keyPaths(o)]));
    expect([...union].sort()).toEqual(docPaths);
  });

  it.each([
    "order_detail.pay_info",
    "order_detail.pay_info.pay_time",
    "order_detail.pay_info.transaction_id",
    "order_detail.delivery_info.address_info",
    "order_detail.delivery_info.delivery_product_info",
    "order_detail.delivery_info.ship_done_time",
    "order_detail.delivery_info.insurance_info",
    "aftersale_detail",
    "ext_info",
    "ext_info.customer_notes",
    "ext_info.merchant_notes",
  ])("%s is present in some orders and absent in others", (path) => {
    const having = orders.filter((o) => keyPaths(o).has(path)).length;
    expect(having).toBeGreaterThan(0);
    expect(having).toBeLessThan(orders.length);
  });

  it("fills lists and numbers in some orders and leaves them empty or zero in others", () => {
    const some = (test: (o: WechatSimOrder) => boolean) => orders.some(test) && !orders.every(test);
    expect(some((o) => o.order_detail.product_infos.length > 1)).toBe(true);
    expect(some((o) => o.order_detail.product_infos.some((p) => p.sku_attrs.length > 0))).toBe(true);
    expect(some((o) => o.order_detail.delivery_info.express_fee.length > 0)).toBe(true);
    expect(some((o) => (o.aftersale_detail?.aftersale_order_list.length ?? 0) > 0)).toBe(true);
    expect(orders.some((o) => o.aftersale_detail?.aftersale_order_list.length === 0)).toBe(true);
    expect(some((o) => (o.order_detail.delivery_info.delivery_product_info?.length ?? 0) > 1)).toBe(true);
    expect(some((o) => o.order_detail.delivery_info.offline_delivery_time > 0)).toBe(true);
    expect(some((o) => o.order_detail.delivery_info.offline_pickup_time > 0)).toBe(true);
    expect(some((o) => o.ext_info?.customer_notes === "")).toBe(true);
    expect(some((o) => o.order_detail.price_info.is_discounted)).toBe(true);
    expect(some((o) => o.order_detail.delivery_info.address_info?.postal_code === "")).toBe(true);
  });
});

describe("data rules", () => {
  it("holds 5000 orders with unique ids, every status and both sources", () => {
    expect(orders).toHaveLength(5000);
    expect(new Set(orders.map((o) => o.order_id)).size).toBe(5000);
    for (const source of [1, 2] as const) {
      const statuses = new Set(sim.orders({ source }).map((o) => o.status));
      expect([...statuses].sort((a, b) => a - b)).toEqual([...WECHAT_ORDER_STATUSES]);
    }
    const cps = sim.orders({ source: 2 }).length;
    expect(cps).toBeGreaterThan(250);
    expect(cps).toBeLessThan(1500);
  });

  it("gives about a third of the orders 19-digit ids above 2^53, the rest 11-12 digits; some product and sku ids too", () => {
    const long = orders.filter((o) => o.order_id.toString().length === 19);
    expect(long.length / orders.length).toBeGreaterThan(0.25);
    expect(long.length / orders.length).toBeLessThan(0.45);
    expect(long.every((o) => o.order_id > 2n ** 53n)).toBe(true);
    expect(orders.every((o) => [11, 12, 19].includes(o.order_id.toString().length))).toBe(true);
    const lines = orders.flatMap((o) => o.order_detail.product_infos);
    expect(lines.some((p) => p.product_id > 2n ** 53n)).toBe(true);
    expect(lines.some((p) => p.sku_id > 2n ** 53n)).toBe(true);
    expect(lines.some((p) => p.product_id < 2n ** 53n)).toBe(true);
  });

  it("spreads create times over the last 180 days; every event lies between create_time and now", () => {
    for (const o of orders) {
      expect(o.create_time).toMatch(LOCAL);
      expect(o.update_time).toMatch(LOCAL);
      const created = instant(o.create_time);
      expect(created).toBeGreaterThanOrEqual(NOW.getTime() - 180 * DAY_MS);
      expect(instant(o.update_time)).toBeGreaterThanOrEqual(created);
      expect(instant(o.update_time)).toBeLessThanOrEqual(NOW.getTime());
      const pay = o.order_detail.pay_info;
      if (pay?.pay_time) expect(instant(pay.pay_time)).toBeGreaterThanOrEqual(instant(pay.prepay_time));
      for (const shipment of o.order_detail.delivery_info.delivery_product_info ?? []) {
        expect(shipment.delivery_time).toMatch(/^\d{10}$/);
        expect(Number(shipment.delivery_time) * 1000).toBeGreaterThanOrEqual(created);
        expect(Number(shipment.delivery_time) * 1000).toBeLessThanOrEqual(NOW.getTime());
      }
    }
    const oldest = Math.min(...orders.map((o) => instant(o.create_time)));
    expect(oldest).toBeLessThan(NOW.getTime() - 170 * DAY_MS);
  });

  it("keeps prices consistent: order_price = product_price - discounted_price + freight", () => {
    for (const { order_detail: d } of orders) {
      const p = d.price_info;
      expect(p.product_price).toBe(d.product_infos.reduce((sum, l) => sum + l.sale_price * l.sku_cnt, 0));
      expect(p.order_price).toBe(p.product_price - p.discounted_price + p.freight);
      expect(p.is_discounted).toBe(p.discounted_price > 0);
      expect(p.order_price).toBeGreaterThan(0);
      for (const line of d.product_infos) {
        expect(Number.isInteger(line.sale_price)).toBe(true);
        expect(line.market_price).toBeGreaterThanOrEqual(line.sale_price);
        expect(line.on_aftersale_sku_cnt + line.finish_aftersale_sku_cnt).toBeLessThanOrEqual(line.sku_cnt);
      }
    }
  });

  it("ties payment, shipment and aftersale fields to the status", () => {
    for (const o of orders) {
      const pay = o.order_detail.pay_info;
      const delivery = o.order_detail.delivery_info;
      if (o.status === 10) expect(pay?.pay_time).toBeUndefined();
      if (o.status !== 10 && o.status !== 250) expect(pay?.pay_time).toMatch(LOCAL);
      if ([10, 15, 16, 17, 20, 181, 190].includes(o.status))
        expect(delivery.delivery_product_info).toBeUndefined();
      if (o.status === 21) {
        expect(shipped(o)).toBeGreaterThan(0);
        expect(shipped(o)).toBeLessThan(units(o.order_detail.product_infos));
        expect(delivery.ship_done_time).toBeUndefined();
      }
      if (delivery.ship_done_time !== undefined) {
        expect(shipped(o)).toBe(units(o.order_detail.product_infos));
        const last = Math.max(...delivery.delivery_product_info!.map((s) => Number(s.delivery_time)));
        expect(delivery.ship_done_time).toBe(String(last));
      }
      if ((o.status === 30 || o.status === 100) && delivery.deliver_type !== "DELIVERY_TYPE_OFFLINE_PICKUP") {
        expect(delivery.ship_done_time).toMatch(/^\d{10}$/);
      }
      if (!pay?.pay_time) expect(o.aftersale_detail).toBeUndefined();
      const list = o.aftersale_detail?.aftersale_order_list ?? [];
      expect(o.aftersale_detail?.on_aftersale_order_cnt ?? 0).toBeLessThanOrEqual(list.length);
      if (o.status === 200) expect(list.every((a) => a.status === 13)).toBe(true);
    }
  });

  it("uses seeded Chinese buyers and openids", () => {
    const names = orders.flatMap((o) => o.order_detail.delivery_info.address_info?.user_name ?? []);
    expect(names.every((n) => /^[\u4e00-\u9fa5]{2,4}$/.test(n))).toBe(true);
    expect(orders.every((o) => /^oDNt[\w-]{24}$/.test(o.openid))).toBe(true);
    expect(new Set(orders.map((o) => o.openid)).size).toBeLessThan(orders.length);
  });
});

describe("determinism", () => {
  it("builds the same shop from the same seed and a different one from another seed", async () => {
    const start = (seed: number) =>
      startWechatSimulator({ appid: APPID, secret: SECRET, seed, orderCount: 400, days: 30, now: () => NOW });
    const [a, b, c] = await Promise.all([start(7), start(7), start(8)]);
    try {
      expect(writeSimulatorJson(a.orders())).toBe(writeSimulatorJson(b.orders()));
      expect(writeSimulatorJson(a.orders())).not.toBe(writeSimulatorJson(c.orders()));
      expect(a.orders().every((o) => instant(o.create_time) >= NOW.getTime() - 30 * DAY_MS)).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
