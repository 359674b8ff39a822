import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatChinaCompactTime,
  formatChinaLocalTime,
  parseChinaLocalTime,
} from "../../src/shared/china-time.js";
import { moneyFromYuanText } from "../../src/shared/money.js";
import { writeSimulatorJson } from "../../src/simulators/shared/json.js";
import {
  startWeixin12315Simulator,
  WEIXIN12315_STATUS_NAMES,
  type Weixin12315Simulator,
  type Weixin12315SimOrder,
  type Weixin12315SimRecord,
} from "../../src/simulators/weixin12315/index.js";
import { ALL_ORDERS, APP_ID, APP_SECRET, BASE_NOW, listCaller } from "./weixin12315-support.js";

let sim: Weixin12315Simulator;
let call: ReturnType<typeof listCaller>;

const fen = (value: { toString(): string }) => moneyFromYuanText(value.toString()).minorUnits;
const numbersOf = (orders: { ordernumber: string }[]) => orders.map((o) => o.ordernumber);
const truth = (keep: (r: Weixin12315SimRecord) => boolean) =>
  numbersOf(
    sim
      .records()
      .filter(keep)
      .map((r) => r.order),
  );

/** Every order of a filter, read page by page; also checks each page's count. */
async function walk(params: Record<string, unknown>, pagesize: number): Promise<Weixin12315SimOrder[]> {
  const all: Weixin12315SimOrder[] = [];
  for (let pageindex = 1; ; pageindex++) {
    const { json } = await call({ ...params, pageindex, pagesize });
    expect(json.return_code).toBe("0");
    all.push(...json.return_data.orders);
    if (json.return_data.orders.length < pagesize) {
      expect(json.return_data.count).toBe(all.length);
      return all;
    }
  }
}

beforeAll(async () => {
  sim = await startWeixin12315Simulator({ appId: APP_ID, appSecret: APP_SECRET, now: () => BASE_NOW });
  call = listCaller(sim);
});
afterAll(() => sim.close());

describe("weixin12315 simulator: parameter validation (40010)", () => {
  it.each([
    ["orderscope", { orderscope: undefined }, "orderscope is required"],
    ["orderscope", { orderscope: "" }, "orderscope is required"],
    ["orderscope", { orderscope: 4 }, "orderscope must be an integer 0..3"],
    ["orderscope", { orderscope: -1 }, "orderscope must be an integer 0..3"],
    ["orderscope", { orderscope: "1a" }, "orderscope must be an integer 0..3"],
    ["orderscope", { orderscope: 1.5 }, "orderscope must be an integer 0..3"],
    ["packagestatus", { packagestatus: undefined }, "packagestatus is required"],
    ["packagestatus", { packagestatus: 3 }, "packagestatus must be an integer -1..2"],
    ["packagestatus", { packagestatus: "-2" }, "packagestatus must be an integer -1..2"],
    ["pageindex", { pageindex: undefined }, "pageindex is required"],
    ["pageindex", { pageindex: 0 }, "pageindex must be an integer ≥ 1"],
    ["pageindex", { pageindex: "x" }, "pageindex must be an integer ≥ 1"],
    ["pagesize", { pagesize: undefined }, "pagesize is required"],
    ["pagesize", { pagesize: 0 }, "pagesize must be an integer 1..1000"],
    ["pagesize", { pagesize: "1001" }, "pagesize must be an integer 1..1000"],
    ["orderstatus", { orderstatus: 0 }, "orderstatus must be an integer 1..6"],
    ["orderstatus", { orderstatus: 7 }, "orderstatus must be an integer 1..6"],
    ["orderstatus", { orderstatus: "待付款" }, "orderstatus must be an integer 1..6"],
    ["keyword", { keyword: 12613 }, "keyword must be a string"],
    [
      "startordertime",
      { startordertime: "2024/06/01 12:00:00" },
      "startordertime must be a time like 2017-06-19 18:30:30",
    ],
    ["endordertime", { endordertime: "2024-06-01" }, "endordertime must be a time like"],
    ["startreceivetime", { startreceivetime: "2024-6-1 12:00:00" }, "startreceivetime must be a time like"],
    ["endreceivetime", { endreceivetime: "2024-02-30 00:00:00" }, "endreceivetime must be a time like"],
    ["endreceivetime", { endreceivetime: 20240601 }, "endreceivetime must be a string"],
    ["nested value", { orderscope: [0] }, "orderscope must be a string or a number, not an object or array"],
  ])("rejects a bad %s: %j", async (_name, change, message) => {
    const params = Object.fromEntries(
      Object.entries({ ...ALL_ORDERS, ...change }).filter(([, value]) => value !== undefined),
    );
    const { json } = await call(params);
    expect(json.return_code).toBe("40010");
    expect(json.return_msg).toContain(message);
    expect(json.return_data).toBeNull();
  });

  it("accepts ints as digit strings and as numbers alike", async () => {
    const asStrings = await call({
      orderscope: "2",
      packagestatus: "1",
      pageindex: "1",
      pagesize: "10",
      orderstatus: "4",
    });
    const asNumbers = await call({
      orderscope: 2,
      packagestatus: 1,
      pageindex: 1,
      pagesize: 10,
      orderstatus: 4,
    });
    expect(asStrings.json.return_code).toBe("0");
    expect(asStrings.json.return_data).toEqual(asNumbers.json.return_data);
    expect(asStrings.json.return_data.count).toBeGreaterThan(0);
  });

  it("treats empty strings as unset filters and accepts the page size bounds 1 and 1000", async () => {
    const empty = {
      keyword: "",
      startordertime: "",
      endordertime: "",
      startreceivetime: "",
      endreceivetime: "",
    };
    expect((await call({ ...ALL_ORDERS, ...empty, pagesize: 1 })).json.return_data.count).toBe(
      sim.orders().length,
    );
    expect((await call(ALL_ORDERS)).json.return_data.orders).toHaveLength(1000);
  });
});

describe("weixin12315 simulator: filters", () => {
  it.each(WEIXIN12315_STATUS_NAMES.map((name, i) => [i + 1, name] as const))(
    "orderstatus %d returns exactly the %s orders",
    async (code, name) => {
      const orders = await walk({ ...ALL_ORDERS, orderstatus: code }, 1000);
      expect(orders.length).toBeGreaterThan(0);
      expect(numbersOf(orders)).toEqual(truth((r) => r.order.orderstatus === name));
    },
  );

  it.each([1, 2, 3])("orderscope %d returns exactly that scope's orders", async (scope) => {
    const orders = await walk({ ...ALL_ORDERS, orderscope: scope }, 1000);
    expect(orders.length).toBeGreaterThan(0);
    expect(numbersOf(orders)).toEqual(truth((r) => r.orderscope === scope));
  });

  it.each([0, 1, 2])("packagestatus %d returns only 拼团 orders in that state", async (state) => {
    const orders = await walk({ ...ALL_ORDERS, packagestatus: state }, 1000);
    expect(orders.length).toBeGreaterThan(0);
    expect(numbersOf(orders)).toEqual(truth((r) => r.orderscope === 2 && r.packagestatus === state));
    const microMall = await call({ ...ALL_ORDERS, orderscope: 1, packagestatus: state });
    expect(microMall.json.return_data.count).toBe(0);
  });

  it("keyword matches the order number exactly, never a prefix", async () => {
    const target = sim.orders()[123]!;
    const exact = await call({ ...ALL_ORDERS, keyword: target.ordernumber });
    expect(exact.json.return_data).toEqual({
      count: 1,
      orders: [expect.objectContaining({ orderid: target.orderid })],
    });
    expect(
      (await call({ ...ALL_ORDERS, keyword: target.ordernumber.slice(0, -1) })).json.return_data.count,
    ).toBe(0);
    expect((await call({ ...ALL_ORDERS, keyword: target.orderid })).json.return_data.count).toBe(0);
  });

  it("order time bounds are inclusive to the second", async () => {
    const tied = sim
      .records()
      .find((r, i, all) => all[i + 1]?.orderedAt.getTime() === r.orderedAt.getTime())!;
    const at = formatChinaLocalTime(tied.orderedAt);
    const same = truth((r) => r.orderedAt.getTime() === tied.orderedAt.getTime());
    expect(same.length).toBeGreaterThan(1);
    const exact = await walk({ ...ALL_ORDERS, startordertime: at, endordertime: at }, 1000);
    expect(numbersOf(exact)).toEqual(same);

    const secondLater = formatChinaLocalTime(new Date(tied.orderedAt.getTime() + 1000));
    const secondEarlier = formatChinaLocalTime(new Date(tied.orderedAt.getTime() - 1000));
    expect(numbersOf(await walk({ ...ALL_ORDERS, startordertime: secondLater }, 1000))).toEqual(
      truth((r) => r.orderedAt > tied.orderedAt),
    );
    expect(numbersOf(await walk({ ...ALL_ORDERS, endordertime: secondEarlier }, 1000))).toEqual(
      truth((r) => r.orderedAt < tied.orderedAt),
    );
  });

  it("receive time bounds select received orders only, inclusive to the second", async () => {
    const received = sim.records().filter((r) => r.receivedAt !== null);
    expect(received.length).toBeGreaterThan(0);
    expect(new Set(received.map((r) => r.order.orderstatus))).toEqual(new Set(["完成交易", "退款订单"]));
    const target = received[40]!;
    const at = formatChinaLocalTime(target.receivedAt!);
    const exact = await walk({ ...ALL_ORDERS, startreceivetime: at, endreceivetime: at }, 1000);
    expect(numbersOf(exact)).toContain(target.order.ordernumber);
    expect(numbersOf(exact)).toEqual(truth((r) => r.receivedAt?.getTime() === target.receivedAt!.getTime()));

    const since = await walk({ ...ALL_ORDERS, startreceivetime: "2000-01-01 00:00:00" }, 1000);
    expect(numbersOf(since)).toEqual(numbersOf(received.map((r) => r.order)));
    const upTo = await walk({ ...ALL_ORDERS, endreceivetime: at }, 1000);
    expect(numbersOf(upTo)).toEqual(
      truth((r) => r.receivedAt !== null && r.receivedAt <= target.receivedAt!),
    );
  });

  it("combines filters", async () => {
    const from = new Date(BASE_NOW.getTime() - 30 * 86_400_000);
    const orders = await walk(
      { ...ALL_ORDERS, orderscope: 1, orderstatus: 4, startordertime: formatChinaLocalTime(from) },
      1000,
    );
    expect(orders.length).toBeGreaterThan(0);
    expect(numbersOf(orders)).toEqual(
      truth((r) => r.orderscope === 1 && r.order.orderstatus === "完成交易" && r.orderedAt >= from),
    );
  });
});

describe("weixin12315 simulator: count, paging and order", () => {
  it("counts the filter and pages concatenate exactly to the filtered set", async () => {
    const expected = truth((r) => r.orderscope === 1 && r.order.orderstatus === "待发货");
    for (const pagesize of [1, 7, 100]) {
      expect(numbersOf(await walk({ ...ALL_ORDERS, orderscope: 1, orderstatus: 2 }, pagesize))).toEqual(
        expected,
      );
    }
    const beyond = await call({ ...ALL_ORDERS, orderscope: 1, orderstatus: 2, pageindex: 999 });
    expect(beyond.json.return_data).toEqual({ count: expected.length, orders: [] });
  });

  it("returns every order newest first: ordertime descending, ties by numeric orderid descending", async () => {
    const orders = await walk(ALL_ORDERS, 1000);
    expect(orders).toHaveLength(5000);
    expect(numbersOf(orders)).toEqual(numbersOf(sim.orders()));
    const key = (o: Weixin12315SimOrder) =>
      [parseChinaLocalTime(o.ordertime)!.getTime(), Number(o.orderid)] as const;
    let ties = 0;
    for (let i = 1; i < orders.length; i++) {
      const [prevTime, prevId] = key(orders[i - 1]!);
      const [time, id] = key(orders[i]!);
      expect(time < prevTime || (time === prevTime && id < prevId)).toBe(true);
      if (time === prevTime) ties++;
    }
    expect(ties).toBeGreaterThan(0);
    // ids of different lengths make a string sort differ from a numeric one
    expect(new Set(orders.map((o) => o.orderid.length)).size).toBeGreaterThan(1);
  });
});

describe("weixin12315 simulator: response shape and quirks (raw text)", () => {
  /** The document's example, keys as written there. */
  const EXAMPLE_ORDER_KEYS = [
    "orderid",
    "ordernumber",
    "nickname",
    "ordertime",
    "orderstatus",
    "payprice",
    "payway",
    "usepoints",
    "fees",
    "ischeck",
    "remark",
    "businessremark",
    "openid",
    "passtime",
    "items",
  ];
  const EXAMPLE_ITEM_KEYS = [
    "recordID",
    "orderID",
    "activityID",
    "productID",
    "productName",
    "number",
    "amount",
    "originalPrice",
    "totalPrice",
    "discount",
    "payPrice",
    "payPoint",
    "publishedTime",
    "formatID",
    "picUrl",
    "ggRemark",
    "weight",
    "yhRemark",
    "productType",
    "lastTimestamp",
    "source",
    "cxActivityID",
    "type",
    "purchasePrice",
  ];
  /** The document's "orders 参数说明" / "items 参数说明" tables. */
  const TABLE_ORDER_FIELDS = [
    "orderid",
    "ordernumber",
    "nickname",
    "ordertime",
    "orderstatus",
    "payprice",
    "payway",
    "usepoints",
    "fees",
    "remark",
    "businessremark",
    "openid",
    "postcode",
    "province",
    "city",
    "county",
    "address",
    "mobile",
    "consignee",
    "passtime",
    "items",
  ];
  const TABLE_ITEM_FIELDS = EXAMPLE_ITEM_KEYS;

  let raw: string;
  let orders: Weixin12315SimOrder[];
  beforeAll(async () => {
    const res = await call(ALL_ORDERS);
    raw = res.text;
    orders = res.json.return_data.orders;
  });

  it("writes the envelope as the example does: return_code a string, return_data.count", () => {
    expect(raw).toMatch(
      /^\{"return_code":"0","return_msg":"success","return_data":\{"count":5000,"orders":\[/,
    );
    expect(raw).not.toContain('"total"');
  });

  it("writes orderid as a string but items' orderID as a number", () => {
    expect(raw.match(/"orderid":"\d+"/g)).toHaveLength(1000);
    expect(raw).not.toMatch(/"orderid":\d/);
    const itemCount = orders.reduce((n, o) => n + o.items.length, 0);
    expect(raw.match(/"orderID":\d+[,}]/g)).toHaveLength(itemCount);
    expect(raw).not.toMatch(
      /"(recordID|orderID|productID|amount|payPoint|formatID|productType|source|type)":"/,
    );
  });

  it("writes item decimals as bare numbers with exactly two decimals", () => {
    for (const field of ["originalPrice", "totalPrice", "discount", "payPrice", "weight", "purchasePrice"]) {
      const all = raw.match(new RegExp(`"${field}":[^,}]*`, "g"))!;
      expect(all.length).toBeGreaterThan(1000);
      for (const text of all) expect(text).toMatch(new RegExp(`^"${field}":\\d+\\.\\d{2}$`));
    }
    expect(raw).toMatch(/"discount":1\.00/);
    expect(raw).toMatch(/"weight":0\.00/);
  });

  it("writes order money and counters as strings", () => {
    expect(raw.match(/"payprice":"\d+\.\d{2}"/g)).toHaveLength(1000);
    expect(raw.match(/"fees":"\d+\.\d{2}"/g)).toHaveLength(1000);
    expect(raw.match(/"usepoints":"\d+"/g)).toHaveLength(1000);
    expect(raw.match(/"ischeck":"[01]"/g)).toHaveLength(1000);
  });

  it("writes ordertime/passtime like 2017/7/29 13:39:34 (no zero padding) and publishedTime padded", () => {
    const slash = /^\d{4}\/[1-9]\d?\/[1-9]\d? (1?\d|2[0-3]):[0-5]\d:[0-5]\d$/;
    for (const o of orders) {
      expect(o.ordertime).toMatch(slash);
      if (o.passtime !== "") expect(o.passtime).toMatch(slash);
      for (const item of o.items)
        expect(item.publishedTime).toBe(formatChinaLocalTime(parseChinaLocalTime(o.ordertime)!));
    }
    expect(raw).toMatch(/"ordertime":"\d{4}\/[1-9]\/[1-9] [1-9]:/);
    expect(raw).toMatch(/"passtime":"\d{4}\/[1-9]\/\d{1,2} \d{1,2}:/);
  });

  it("writes Chinese status names, escaped product names and base64 row versions", () => {
    expect(new Set(orders.map((o) => o.orderstatus))).toEqual(new Set(WEIXIN12315_STATUS_NAMES));
    expect(raw).toContain('"productName":"海宴mini小酒 \\"?/\\\\~@#$%^&*///******"');
    for (const o of orders)
      for (const item of o.items) expect(item.lastTimestamp).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    expect(raw).toMatch(/"productName":"[^"]*🎁/u);
  });

  it("masks some nicknames and openids like the example and leaves others whole", () => {
    const masked = (o: Weixin12315SimOrder) => /^.\*\*\*.$/u.test(o.nickname);
    expect(orders.some(masked)).toBe(true);
    expect(orders.some((o) => o.nickname !== "" && !masked(o))).toBe(true);
    expect(orders.some((o) => /^os9Z.{4}\*{17}$/.test(o.openid))).toBe(true);
    expect(orders.some((o) => /^os9Z[\w-]{24}$/.test(o.openid))).toBe(true);
  });

  it("fills every optional order field in some orders and leaves it empty in others; unpaid orders have no passtime", () => {
    const optional = [
      "nickname",
      "payway",
      "remark",
      "businessremark",
      "postcode",
      "province",
      "city",
      "county",
      "address",
      "mobile",
      "consignee",
      "passtime",
    ] as const;
    for (const field of optional) {
      expect(
        orders.some((o) => o[field] === ""),
        field,
      ).toBe(true);
      expect(
        orders.some((o) => o[field] !== ""),
        field,
      ).toBe(true);
    }
    for (const o of orders.filter((x) => x.orderstatus === "待付款")) expect(o.passtime).toBe("");
    expect(orders.some((o) => o.items.length > 1)).toBe(true);
    expect(orders.some((o) => o.items.some((i) => i.formatID !== 0 && i.ggRemark !== ""))).toBe(true);
    expect(orders.some((o) => o.usepoints !== "0")).toBe(true);
  });

  it("has the example's keys plus the documented fields, in orders and items", () => {
    const full = orders.find((o) => Object.values(o).every((v) => v !== ""))!;
    expect(full).toBeDefined();
    expect(Object.keys(full).sort()).toEqual(
      [...new Set([...EXAMPLE_ORDER_KEYS, ...TABLE_ORDER_FIELDS])].sort(),
    );
    expect(Object.keys(full.items[0]!).sort()).toEqual(
      [...new Set([...EXAMPLE_ITEM_KEYS, ...TABLE_ITEM_FIELDS])].sort(),
    );
  });

  it("keeps amounts consistent: line total, discount rounding, order total with fees, points", () => {
    for (const o of sim.orders()) {
      for (const item of o.items) {
        expect(fen(item.totalPrice)).toBe(fen(item.originalPrice) * item.amount);
        expect(fen(item.payPrice)).toBe(Math.floor((fen(item.totalPrice) * fen(item.discount) + 50) / 100));
        expect(item.orderID).toBe(Number(o.orderid));
      }
      expect(fen(o.payprice)).toBe(o.items.reduce((sum, i) => sum + fen(i.payPrice), 0) + fen(o.fees));
      expect(Number(o.usepoints)).toBe(o.items.reduce((sum, i) => sum + i.payPoint, 0));
    }
  });

  it("numbers orders fw + order minute + 4 digits, uniquely", () => {
    const all = sim.orders();
    for (const o of all) {
      expect(o.ordernumber).toMatch(/^fw\d{16}$/);
      expect(o.ordernumber.slice(2, 14)).toBe(
        formatChinaCompactTime(parseChinaLocalTime(o.ordertime)!).slice(0, 12),
      );
    }
    expect(new Set(numbersOf(all)).size).toBe(all.length);
  });
});

describe("weixin12315 simulator: determinism", () => {
  it("builds the same shop from the same seed and clock, and another from another seed", async () => {
    const options = { appId: APP_ID, appSecret: APP_SECRET, orderCount: 200, days: 30, now: () => BASE_NOW };
    const [a, b, c] = await Promise.all([
      startWeixin12315Simulator({ ...options, seed: 7 }),
      startWeixin12315Simulator({ ...options, seed: 7 }),
      startWeixin12315Simulator({ ...options, seed: 8 }),
    ]);
    try {
      expect(writeSimulatorJson(a.orders())).toBe(writeSimulatorJson(b.orders()));
      expect(writeSimulatorJson(a.orders())).not.toBe(writeSimulatorJson(c.orders()));
      const oldest = parseChinaLocalTime(a.orders().at(-1)!.ordertime)!;
      expect(BASE_NOW.getTime() - oldest.getTime()).toBeLessThanOrEqual(30 * 86_400_000);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
    const first = await call({ ...ALL_ORDERS, pagesize: 50 });
    const again = await call({ ...ALL_ORDERS, pagesize: 50 });
    expect(again.text).toBe(first.text);
  });
});
