import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startWechatSimulator,
  type WechatSimOrder,
  type WechatSimulator,
} from "../../src/simulators/wechat/index.js";
import {
  APPID,
  NOW,
  SECRET,
  asWire,
  call,
  classicToken,
  getList,
  getOrder,
  listBody,
} from "./wechat-support.js";

// The /__sim/ admin API: inserting orders, changing a status, listing, config, and faults.

let sim: WechatSimulator;
let token: string;
// A fresh simulator per test: inserts, status changes and clock advances never reach another test.
beforeEach(async () => {
  sim = await startWechatSimulator({ appid: APPID, secret: SECRET, orderCount: 500, now: () => NOW });
  token = await classicToken(sim);
});
afterEach(() => sim.close());

describe("orders", () => {
  it("inserts generated orders at a given create time and status, visible to get_list and get", async () => {
    const reply = await call(sim, "/__sim/orders", {
      count: 3,
      createTime: "2024-05-30 09:15:00",
      status: 20,
    });
    const inserted = reply.json.orders as WechatSimOrder[];
    expect(inserted).toHaveLength(3);
    for (const order of inserted) {
      expect(order).toMatchObject({ status: 20, create_time: "2024-05-30 09:15:00" });
      expect((await getOrder(sim, token, { order_id: order.order_id.toString() })).json.order).toEqual(order);
    }
    const window = { start_create_time: "2024-05-30 09:15:00", end_create_time: "2024-05-30 09:15:00" };
    const listed = await getList(sim, token, listBody({ ...window, status: 20 }));
    expect(listed.json.total_num).toBe(3);
    const ids = (listed.json.orders as WechatSimOrder[]).map((o) => BigInt(o.order_id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? 1 : -1)));
  });

  it("defaults to one order created now, on source 1", async () => {
    const [order] = (await call(sim, "/__sim/orders", {})).json.orders as WechatSimOrder[];
    expect(order!.create_time).toBe("2024-06-01 12:00:00");
    expect(sim.orders({ source: 1 }).map((o) => o.order_id)).toContainEqual(BigInt(order!.order_id));
  });

  it("takes field overrides, including an exact 19-digit id written as a bare number", async () => {
    const id = 3705115058471208929n;
    const body = `{"source":2,"status":100,"orders":[{"order_id":${id},"ext_info":{"customer_notes":"改:发顺丰"},"order_type":1}]}`;
    const reply = await call(sim, "/__sim/orders", body);
    expect(reply.text).toContain(`"order_id":${id},`);
    const got = await getOrder(sim, token, `{"order_id":${id}}`);
    expect(got.json.order).toMatchObject({
      order_id: id,
      status: 100,
      order_type: 1,
      ext_info: { customer_notes: "改:发顺丰" },
    });
    expect(sim.orders({ source: 2 }).some((o) => o.order_id === id)).toBe(true);
    expect(sim.orders({ source: 1 }).some((o) => o.order_id === id)).toBe(false);

    const again = await call(sim, "/__sim/orders", `{"orders":[{"order_id":${id}}]}`);
    expect(again.status).toBe(409);
  });

  it.each([
    ["count 0", { count: 0 }],
    ["an unknown status", { status: 11 }],
    ["a bad createTime", { createTime: "yesterday" }],
    ["source 3", { source: 3 }],
  ])("refuses an insert with %s", async (_name, body) => {
    expect((await call(sim, "/__sim/orders", body)).status).toBe(400);
  });

  it("changes an order's status and update_time (simulator now)", async () => {
    const order = sim.orders({ status: 20 })[0]!;
    await call(sim, "/__sim/clock/advance", { seconds: 90 });
    const reply = await call(sim, "/__sim/orders/status", `{"order_id":${order.order_id},"status":30}`);
    expect(reply.status).toBe(200);
    const got = (await getOrder(sim, token, { order_id: order.order_id.toString() })).json
      .order as WechatSimOrder;
    expect(got).toMatchObject({
      status: 30,
      update_time: "2024-06-01 12:01:30",
      create_time: order.create_time,
    });
  });

  it("answers 404 for an unknown order and 400 for a bad status", async () => {
    expect((await call(sim, "/__sim/orders/status", { order_id: 1, status: 30 })).status).toBe(404);
    const order = sim.orders()[0]!;
    expect(
      (await call(sim, "/__sim/orders/status", { order_id: order.order_id.toString(), status: 99 })).status,
    ).toBe(400);
  });

  it("lists held orders newest first, optionally by status and source", async () => {
    const all = await call(sim, "/__sim/orders");
    expect(all.json.total_num).toBe(sim.orders().length);
    expect(all.json.orders).toEqual(asWire(sim.orders()));
    const filtered = await call(sim, "/__sim/orders?status=250&source=2");
    expect(filtered.json.orders).toEqual(asWire(sim.orders({ status: 250, source: 2 })));
    expect((filtered.json.orders as WechatSimOrder[]).every((o) => o.status === 250)).toBe(true);
  });

  it("reads and advances the clock", async () => {
    const before = (await call(sim, "/__sim/clock")).json.now as string;
    const after = (await call(sim, "/__sim/clock/advance", { seconds: 3600 })).json.now as string;
    expect(
      Date.parse(`${after.replace(" ", "T")}+08:00`) - Date.parse(`${before.replace(" ", "T")}+08:00`),
    ).toBe(3_600_000);
    expect((await call(sim, "/__sim/clock/advance", { seconds: -1 })).status).toBe(400);
  });

  it("changes the scan limit at run time", async () => {
    const reply = await call(sim, "/__sim/config", { scanLimit: 1 });
    expect(reply.json).toEqual({ scanLimit: 1, quotas: {} });
    expect((await getList(sim, token, listBody())).json.errcode).toBe(-31042);
    await call(sim, "/__sim/config", { scanLimit: 2000 });
    expect((await getList(sim, token, listBody())).json.errcode).toBe(0);
  });
});

describe("faults", () => {
  const setFaults = (faults: Record<string, unknown>) => call(sim, "/__sim/faults", faults);

  it("answers a chosen business error code for the next `times` calls", async () => {
    await setFaults({ mode: "error", code: 45011, times: 2 });
    expect((await getList(sim, token, listBody())).json.errcode).toBe(45011);
    expect((await getOrder(sim, token, { order_id: 1 })).json.errcode).toBe(45011);
    expect((await getList(sim, token, listBody())).json.errcode).toBe(0);
  });

  it("limits faults to chosen endpoints and honours rate 0", async () => {
    await setFaults({ mode: "error", code: -1, endpoints: ["product/order/get_list"] });
    expect((await getList(sim, token, listBody())).json).toEqual({
      errcode: -1,
      errmsg: "injected fault -1",
    });
    expect((await getOrder(sim, token, { order_id: 1 })).json.errcode).toBe(100002);
    await setFaults({ mode: "error", code: -1, rate: 0 });
    expect((await getList(sim, token, listBody())).json.errcode).toBe(0);
  });

  it("answers HTTP 502", async () => {
    await setFaults({ mode: "http502" });
    const response = await fetch(`${sim.url}/product/order/get_list?access_token=${token}`, {
      method: "POST",
      body: JSON.stringify(listBody()),
    });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain("502 Bad Gateway");
  });

  it("answers malformed JSON", async () => {
    await setFaults({ mode: "malformedJson" });
    const response = await fetch(`${sim.url}/product/order/get_list?access_token=${token}`, {
      method: "POST",
      body: JSON.stringify(listBody()),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("resets the connection", async () => {
    await setFaults({ mode: "connectionReset", times: 1 });
    await expect(
      fetch(`${sim.url}/product/order/get_list?access_token=${token}`, {
        method: "POST",
        body: JSON.stringify(listBody()),
      }),
    ).rejects.toThrow();
    expect((await getList(sim, token, listBody())).json.errcode).toBe(0);
  });

  it("adds latency", async () => {
    await setFaults({ latencyMs: 60 });
    const started = performance.now();
    expect((await getList(sim, token, listBody())).json.errcode).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("can be set from code and counts faulted calls in the statistics", async () => {
    sim.resetStats();
    sim.setFaults({ mode: "error", code: 45009, times: 1 });
    expect((await getList(sim, token, listBody())).json.errcode).toBe(45009);
    expect(sim.stats().callsByCredential[token]).toEqual({ "product/order/get_list": 1 });
  });
});
