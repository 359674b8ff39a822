import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatChinaLocalTime } from "../../src/shared/china-time.js";
import { formatChinaSlashTime } from "../../src/simulators/weixin12315/time-text.js";
import {
  startWeixin12315Simulator,
  WEIXIN12315_ORDER_LIST_ENDPOINT,
  type Weixin12315Simulator,
  type Weixin12315SimOrder,
} from "../../src/simulators/weixin12315/index.js";
import { admin, ALL_ORDERS, APP_ID, APP_SECRET, BASE_NOW, listCaller } from "./weixin12315-support.js";

let sim: Weixin12315Simulator;
let call: ReturnType<typeof listCaller>;
const page = { ...ALL_ORDERS, pagesize: 5 };
/** Planted by the refused-insert cases, so a repeat of it is refused. */
const HELD_ORDERNUMBER = "fw2024052008059999";

// A fresh simulator per test: inserts, status changes and clock advances never reach another test.
beforeEach(async () => {
  sim = await startWeixin12315Simulator({
    appId: APP_ID,
    appSecret: APP_SECRET,
    orderCount: 300,
    now: () => BASE_NOW,
  });
  call = listCaller(sim);
});
afterEach(() => sim.close());

describe("weixin12315 simulator: admin orders", () => {
  it("inserts generated orders at the simulator's now with a chosen status; they list first", async () => {
    const before = sim.orders().length;
    const { status, json } = await admin(sim, "POST", "/__sim/orders", { count: 3, orderstatus: "待付款" });
    expect(status).toBe(200);
    const inserted: Weixin12315SimOrder[] = json.orders;
    expect(inserted).toHaveLength(3);
    for (const o of inserted) {
      expect(o).toMatchObject({
        orderstatus: "待付款",
        passtime: "",
        payway: "",
        ordertime: formatChinaSlashTime(BASE_NOW),
      });
    }
    expect(sim.orders()).toHaveLength(before + 3);

    const top = await call({ ...page, orderstatus: 1, pagesize: 3 });
    // same second: ties go to the higher orderid first
    expect(top.json.return_data.orders.map((o: Weixin12315SimOrder) => o.orderid)).toEqual(
      inserted.map((o) => o.orderid).sort((a, b) => Number(b) - Number(a)),
    );
  });

  it("inserts partial orders with their own fields, at their own time, in sorted position", async () => {
    const ordertime = "2024-05-20 08:05:09";
    const { json } = await admin(sim, "POST", "/__sim/orders", {
      orders: [
        {
          ordernumber: "fw2024052008050001",
          nickname: "测试买家",
          remark: 'note "quoted"',
          orderscope: 2,
          packagestatus: 0,
        },
        { orderstatus: "完成交易", orderscope: 3 },
      ],
      ordertime,
    });
    expect(json.ok).toBe(true);
    const [first, second] = json.orders as Weixin12315SimOrder[];
    expect(first).toMatchObject({
      ordernumber: "fw2024052008050001",
      nickname: "测试买家",
      ordertime: "2024/5/20 8:05:09",
    });
    expect(second).toMatchObject({ orderstatus: "完成交易", payway: "积分兑换" });

    const found = await call({ ...page, keyword: "fw2024052008050001", orderscope: 2, packagestatus: 0 });
    expect(found.json.return_data.count).toBe(1);
    const window = await call({ ...page, startordertime: ordertime, endordertime: ordertime });
    expect(window.json.return_data.count).toBe(2);
    const all = sim.orders().map((o) => o.ordernumber);
    const at = all.indexOf("fw2024052008050001");
    expect(sim.records()[at]!.orderedAt.getTime()).toBe(new Date("2024-05-20T08:05:09+08:00").getTime());
    expect(sim.records()[at - 1]!.orderedAt >= sim.records()[at]!.orderedAt).toBe(true);
    expect(sim.records()[at + 1]!.orderedAt <= sim.records()[at]!.orderedAt).toBe(true);
  });

  it.each([
    [{ orders: [{ ordernumber: HELD_ORDERNUMBER }] }, "already exists"],
    [{ orders: [{ payprice: "1.00" }] }, "field payprice cannot be set"],
    [{ orderstatus: "已发货" }, "unknown orderstatus"],
    [{ ordertime: "yesterday" }, "ordertime must be a time"],
    [{ count: 0 }, "count must be an integer"],
    [{ orderscope: 1, packagestatus: 1 }, "packagestatus applies to 拼团 orders"],
  ])("refuses the insert %j with a clear error and inserts nothing", async (body, error) => {
    await admin(sim, "POST", "/__sim/orders", { orders: [{ ordernumber: HELD_ORDERNUMBER }] });
    const before = sim.orders().length;
    const res = await admin(sim, "POST", "/__sim/orders", body);
    expect(res.status).toBe(400);
    expect(res.json.ok).toBe(false);
    expect(res.json.error).toContain(error);
    expect(sim.orders()).toHaveLength(before);
  });

  it("changes an order's status with its consequences (payment time, receive time)", async () => {
    const { json } = await admin(sim, "POST", "/__sim/orders", { orderstatus: "待付款", orderscope: 1 });
    const ordernumber: string = json.orders[0].ordernumber;

    const paid = await admin(sim, "POST", "/__sim/orders/status", { ordernumber, orderstatus: "待发货" });
    expect(paid.json.order).toMatchObject({
      orderstatus: "待发货",
      passtime: formatChinaSlashTime(BASE_NOW),
      payway: "微信支付",
    });
    const listed = await call({ ...page, keyword: ordernumber, orderstatus: 2 });
    expect(listed.json.return_data.orders[0]).toMatchObject({ ordernumber, orderstatus: "待发货" });

    await admin(sim, "POST", "/__sim/clock/advance", { seconds: 3600 });
    await admin(sim, "POST", "/__sim/orders/status", { ordernumber, orderstatus: "完成交易" });
    const receivedAt = formatChinaLocalTime(new Date(BASE_NOW.getTime() + 3_600_000));
    const received = await call({ ...page, startreceivetime: receivedAt, endreceivetime: receivedAt });
    expect(received.json.return_data.orders.map((o: Weixin12315SimOrder) => o.ordernumber)).toEqual([
      ordernumber,
    ]);
  });

  it("answers an unknown order or status with an error JSON", async () => {
    const missing = await admin(sim, "POST", "/__sim/orders/status", {
      ordernumber: "fw0000",
      orderstatus: "完成交易",
    });
    expect(missing).toMatchObject({
      status: 404,
      json: { ok: false, error: expect.stringContaining("fw0000") },
    });
    const ordernumber = sim.orders()[0]!.ordernumber;
    const badStatus = await admin(sim, "POST", "/__sim/orders/status", {
      ordernumber,
      orderstatus: "shipped",
    });
    expect(badStatus).toMatchObject({
      status: 400,
      json: { ok: false, error: expect.stringContaining("unknown orderstatus") },
    });
  });

  it("lists held orders newest first, filtered by status (name or code), scope and 拼团 state", async () => {
    const all = await admin(sim, "GET", "/__sim/orders");
    expect(all.json.count).toBe(sim.orders().length);
    expect(all.json.orders.map((o: Weixin12315SimOrder) => o.ordernumber)).toEqual(
      sim.orders().map((o) => o.ordernumber),
    );

    const refunds = await admin(
      sim,
      "GET",
      `/__sim/orders?orderstatus=${encodeURIComponent("退款订单")}&orderscope=1`,
    );
    const byCode = await admin(sim, "GET", "/__sim/orders?orderstatus=6&orderscope=1");
    expect(refunds.json.count).toBeGreaterThan(0);
    expect(byCode.json).toEqual(refunds.json);
    const expected = sim.records().filter((r) => r.order.orderstatus === "退款订单" && r.orderscope === 1);
    expect(refunds.json.orders.map((o: Weixin12315SimOrder) => o.orderid)).toEqual(
      expected.map((r) => r.order.orderid),
    );

    const forming = await admin(sim, "GET", "/__sim/orders?packagestatus=0");
    expect(forming.json.count).toBe(sim.records().filter((r) => r.packagestatus === 0).length);
    expect((await admin(sim, "GET", "/__sim/orders?orderscope=7")).status).toBe(400);
  });

  it("reads and advances the clock", async () => {
    const before = (await admin(sim, "GET", "/__sim/clock")).json.now as string;
    expect(before).toBe(formatChinaLocalTime(sim.now()));
    const after = await admin(sim, "POST", "/__sim/clock/advance", { seconds: 60 });
    expect(after.json.now).toBe(
      formatChinaLocalTime(new Date(new Date(`${before.replace(" ", "T")}+08:00`).getTime() + 60_000)),
    );
    expect((await admin(sim, "POST", "/__sim/clock/advance", { seconds: "x" })).status).toBe(400);
  });
});

describe("weixin12315 simulator: statistics", () => {
  it("counts list calls per endpoint and per appid, including rejected ones", async () => {
    await admin(sim, "POST", "/__sim/stats/reset");
    await call(page);
    await call(page);
    await call(page, { appId: "other-app" });
    await call(page, { omit: ["appid"] });
    const { json } = await admin(sim, "GET", "/__sim/stats");
    expect(json).toMatchObject({
      total: 4,
      calls: { [WEIXIN12315_ORDER_LIST_ENDPOINT]: 4 },
      callsByCredential: {
        [APP_ID]: { [WEIXIN12315_ORDER_LIST_ENDPOINT]: 2 },
        "other-app": { [WEIXIN12315_ORDER_LIST_ENDPOINT]: 1 },
      },
    });
    expect(sim.stats().total).toBe(4);
  });
});

describe("weixin12315 simulator: faults", () => {
  it("adds latency", async () => {
    await admin(sim, "POST", "/__sim/faults", { latencyMs: 60 });
    const started = performance.now();
    expect((await call(page)).json.return_code).toBe("0");
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("answers with a chosen business error code for the next N calls", async () => {
    await admin(sim, "POST", "/__sim/faults", { mode: "error", code: 50001, times: 1 });
    const failed = await call(page);
    expect(failed.status).toBe(200);
    expect(failed.text).toMatch(/^\{"return_code":"50001","return_msg":"[^"]+","return_data":null\}$/);
    expect((await call(page)).json.return_code).toBe("0");
  });

  it("answers HTTP 502", async () => {
    await admin(sim, "POST", "/__sim/faults", { mode: "http502" });
    const res = await call(page);
    expect(res.status).toBe(502);
    expect(res.json).toBeUndefined();
  });

  it("answers malformed JSON", async () => {
    await admin(sim, "POST", "/__sim/faults", { mode: "malformedJson" });
    const res = await call(page);
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it("resets the connection", async () => {
    await admin(sim, "POST", "/__sim/faults", { mode: "connectionReset" });
    await expect(call(page)).rejects.toThrow();
    await admin(sim, "DELETE", "/__sim/faults");
    expect((await call(page)).json.return_code).toBe("0");
  });
});
