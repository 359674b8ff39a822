import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatChinaLocalTime, parseChinaLocalTime } from "../../src/shared/china-time.js";
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

// get_list and get: validation, the scan limit, ordering, paging and digit-exact ids.

let sim: WechatSimulator;
let token: string;
beforeAll(async () => {
  sim = await startWechatSimulator({ appid: APPID, secret: SECRET, now: () => NOW });
  token = await classicToken(sim);
});
afterAll(() => sim.close());

const WINDOW = ["2024-05-02 12:00:00", "2024-06-01 12:00:00"] as const;
const shift = (time: string, seconds: number) =>
  formatChinaLocalTime(new Date(parseChinaLocalTime(time)!.getTime() + seconds * 1000));
const inWindow = (time: string, [start, end]: readonly [string, string]) => time >= start && time <= end;
const newestFirst = (a: WechatSimOrder, b: WechatSimOrder) =>
  a.create_time !== b.create_time
    ? a.create_time < b.create_time
      ? 1
      : -1
    : a.order_id < b.order_id
      ? 1
      : -1;

/** Walks every page of a filter and checks total_num on each. */
async function walk(body: Record<string, unknown>, pageSize: number) {
  const orders: WechatSimOrder[] = [];
  let total = -1;
  for (let page = 1; ; page += 1) {
    const reply = await getList(sim, token, { ...body, page, page_size: pageSize });
    expect(reply.json.errcode).toBe(0);
    if (total === -1) total = reply.json.total_num as number;
    expect(reply.json.total_num).toBe(total);
    const batch = reply.json.orders as WechatSimOrder[];
    orders.push(...batch);
    if (batch.length < pageSize) return { orders, total };
  }
}

describe("get_list parameter validation → 9401020 naming the parameter", () => {
  const cases: [string, string, Record<string, unknown>][] = [
    [
      "no time pair at all",
      "start_create_time",
      { start_create_time: undefined, end_create_time: undefined },
    ],
    ["start_create_time without its end", "end_create_time", { end_create_time: undefined }],
    ["end_create_time without its start", "start_create_time", { start_create_time: undefined }],
    ["start_update_time without its end", "end_update_time", { start_update_time: WINDOW[0] }],
    ["end_update_time without its start", "start_update_time", { end_update_time: WINDOW[1] }],
    ["ISO instead of the local format", "start_create_time", { start_create_time: "2024-05-02T12:00:00" }],
    ["no zero padding", "start_create_time", { start_create_time: "2024-5-2 12:00:00" }],
    ["a date that does not exist", "end_create_time", { end_create_time: "2024-02-30 12:00:00" }],
    ["a number for a time", "end_create_time", { end_create_time: 1717214400 }],
    ["earlier than 1970-01-01 08:00:00", "start_create_time", { start_create_time: "1970-01-01 07:59:59" }],
    ["start after end", "start_create_time", { start_create_time: "2024-06-01 12:00:01" }],
    [
      "update start after end",
      "start_update_time",
      { start_update_time: "2024-06-01 00:00:01", end_update_time: "2024-06-01 00:00:00" },
    ],
    ["status missing", "status", { status: undefined }],
    ["status not in the enumeration", "status", { status: 11 }],
    ["status as text", "status", { status: "100" }],
    ["status fractional", "status", { status: 100.5 }],
    ["page missing", "page", { page: undefined }],
    ["page 0", "page", { page: 0 }],
    ["page negative", "page", { page: -1 }],
    ["page fractional", "page", { page: 1.5 }],
    ["page as text", "page", { page: "1" }],
    ["page_size missing", "page_size", { page_size: undefined }],
    ["page_size 0", "page_size", { page_size: 0 }],
    ["page_size above 10000", "page_size", { page_size: 10_001 }],
    ["source 0", "source", { source: 0 }],
    ["source 3", "source", { source: 3 }],
    ["source as text", "source", { source: "1" }],
  ];

  it.each(cases)("%s → names %s", async (_name, parameter, overrides) => {
    const reply = await getList(sim, token, listBody(overrides));
    expect(reply.json.errcode).toBe(9401020);
    expect(reply.json.errmsg).toContain(parameter);
    expect(reply.json.orders).toBeUndefined();
  });

  it("rejects a body that is not an object", async () => {
    for (const body of ["[]", "42", '"x"']) {
      const reply = await getList(sim, token, body);
      expect(reply.json.errcode).toBe(9401020);
      expect(reply.json.errmsg).toContain("body");
    }
    expect((await getList(sim, token, "")).json.errcode).toBe(9401020);
  });

  it("answers -1 to a body that is not JSON", async () => {
    expect((await getList(sim, token, "{status:")).json.errcode).toBe(-1);
  });

  it.each([
    ["page_size 10000", { page_size: 10_000 }],
    ["source 2", { source: 2 }],
    ["source null (default)", { source: null }],
    ["a one-second window", { start_create_time: WINDOW[1] }],
    [
      "only an update pair",
      {
        start_create_time: undefined,
        end_create_time: undefined,
        start_update_time: WINDOW[0],
        end_update_time: WINDOW[1],
      },
    ],
    ["both pairs", { start_update_time: WINDOW[0], end_update_time: WINDOW[1] }],
    ["every documented status", { status: 181 }],
  ])("accepts %s", async (_name, overrides) => {
    expect((await getList(sim, token, listBody(overrides))).json.errcode).toBe(0);
  });
});

describe("get_list results", () => {
  it("returns the filter's orders newest-created first, ties by order_id desc, pages concatenating exactly", async () => {
    // Three orders created in the same second make a tie.
    const tie = "2024-05-20 08:30:00";
    const inserted = await call(sim, "/__sim/orders", { count: 3, createTime: tie, status: 100 });
    expect(inserted.status).toBe(200);

    const expected = sim.orders({ source: 1, status: 100 }).filter((o) => inWindow(o.create_time, WINDOW));
    expect([...expected].sort(newestFirst)).toEqual(expected);
    expect(expected.filter((o) => o.create_time === tie).length).toBeGreaterThanOrEqual(3);

    const { orders, total } = await walk(listBody(), 37);
    expect(total).toBe(expected.length);
    expect(orders).toEqual(asWire(expected));
  });

  it("answers an empty page beyond the end with the filter's total_num", async () => {
    const total = (await getList(sim, token, listBody())).json.total_num as number;
    const beyond = await getList(sim, token, listBody({ page: Math.ceil(total / 10) + 1 }));
    expect(beyond.json).toEqual({ errcode: 0, errmsg: "ok", orders: [], total_num: total });
  });

  it("includes both bounds, to the second", async () => {
    const order = sim.orders({ source: 1, status: 30 })[0]!;
    const ids = async (start: string, end: string) =>
      (
        (await getList(sim, token, listBody({ status: 30, start_create_time: start, end_create_time: end })))
          .json.orders as WechatSimOrder[]
      ).map((o) => BigInt(o.order_id));
    expect(await ids(order.create_time, order.create_time)).toContain(order.order_id);
    expect(await ids(shift(order.create_time, 1), shift(order.create_time, 3600))).not.toContain(
      order.order_id,
    );
    expect(await ids(shift(order.create_time, -3600), shift(order.create_time, -1))).not.toContain(
      order.order_id,
    );
  });

  it("filters by update time and by source", async () => {
    const byUpdate = await walk(
      { status: 250, start_update_time: WINDOW[0], end_update_time: WINDOW[1], source: 2 },
      500,
    );
    const expected = sim.orders({ source: 2, status: 250 }).filter((o) => inWindow(o.update_time, WINDOW));
    expect(expected.length).toBeGreaterThan(0);
    expect(byUpdate.orders).toEqual(asWire(expected));
  });

  it("applies both pairs when both are given", async () => {
    const updateWindow = ["2024-05-25 00:00:00", "2024-06-01 12:00:00"] as const;
    const both = await walk(
      listBody({ start_update_time: updateWindow[0], end_update_time: updateWindow[1] }),
      1000,
    );
    const expected = sim
      .orders({ source: 1, status: 100 })
      .filter((o) => inWindow(o.create_time, WINDOW) && inWindow(o.update_time, updateWindow));
    expect(both.orders).toEqual(asWire(expected));
  });

  it("writes 19-digit order ids as bare numbers with every digit exact", async () => {
    const reply = await getList(sim, token, listBody({ page_size: 300 }));
    const written = [...reply.text.matchAll(/"order_id":(\d+)[,}]/g)].map((m) => m[1]!);
    const expected = sim
      .orders({ source: 1, status: 100 })
      .filter((o) => inWindow(o.create_time, WINDOW))
      .slice(0, 300)
      .map((o) => o.order_id.toString());
    expect(written).toEqual(expected);
    const long = written.filter((d) => d.length === 19);
    expect(long.length).toBeGreaterThan(written.length / 5);
    // The digits are beyond a double's precision: a float parser would have changed them.
    expect(long.some((d) => BigInt(Number(d)) !== BigInt(d))).toBe(true);
    expect(long.every((d) => BigInt(d) > 2n ** 53n)).toBe(true);
    expect(written.some((d) => d.length <= 12)).toBe(true);
  });
});

describe("get_list scan limit → -31042", () => {
  afterAll(() => sim.configure({ scanLimit: 2000 }));

  it("refuses a window that scans more than the limit, counting orders of the source of any status", async () => {
    const all = await getList(sim, token, listBody({ start_create_time: "2023-12-01 00:00:00", status: 10 }));
    expect(all.json).toEqual({
      errcode: -31042,
      errmsg: "scanned too much data, shorten the time frame and try again",
    });

    const scanned = sim.orders({ source: 1 }).filter((o) => inWindow(o.create_time, WINDOW)).length;
    await call(sim, "/__sim/config", { scanLimit: scanned });
    expect((await getList(sim, token, listBody({ status: 15 }))).json.errcode).toBe(0);
    await call(sim, "/__sim/config", { scanLimit: scanned - 1 });
    expect((await getList(sim, token, listBody({ status: 15 }))).json.errcode).toBe(-31042);
    // Source 2 has fewer orders in the same window.
    expect((await getList(sim, token, listBody({ status: 15, source: 2 }))).json.errcode).toBe(0);
  });

  it("counts update times for an update window", async () => {
    const scanned = sim.orders({ source: 1 }).filter((o) => inWindow(o.update_time, WINDOW)).length;
    const body = {
      status: 20,
      page: 1,
      page_size: 10,
      start_update_time: WINDOW[0],
      end_update_time: WINDOW[1],
    };
    await call(sim, "/__sim/config", { scanLimit: scanned });
    expect((await getList(sim, token, body)).json.errcode).toBe(0);
    await call(sim, "/__sim/config", { scanLimit: scanned - 1 });
    expect((await getList(sim, token, body)).json.errcode).toBe(-31042);
  });
});

describe("POST /product/order/get", () => {
  const big = () => sim.orders().find((o) => o.order_id > 2n ** 53n)!;

  it("finds an order by a bare 19-digit number, digit-exact", async () => {
    const order = big();
    const reply = await getOrder(sim, token, `{"order_id":${order.order_id}}`);
    expect(reply.json).toEqual({ errcode: 0, errmsg: "ok", order: asWire(order) });
    expect(reply.text).toContain(`"order_id":${order.order_id},`);
  });

  it("accepts the id as a digit string and small ids as plain numbers", async () => {
    const order = big();
    expect((await getOrder(sim, token, { order_id: order.order_id.toString() })).json.order).toEqual(
      asWire(order),
    );
    const small = sim.orders().find((o) => o.order_id < 2n ** 53n)!;
    expect((await getOrder(sim, token, { order_id: Number(small.order_id) })).json.order).toEqual(
      asWire(small),
    );
  });

  it("answers 100002 for an unknown id, even one a float would confuse with a real one", async () => {
    expect((await getOrder(sim, token, { order_id: 1 })).json).toEqual({
      errcode: 100002,
      errmsg: "order not exist",
    });
    expect((await getOrder(sim, token, `{"order_id":${big().order_id + 1n}}`)).json.errcode).toBe(100002);
  });

  it.each([
    ["missing", {}],
    ["text that is not digits", { order_id: "12a" }],
    ["zero", { order_id: 0 }],
    ["negative", { order_id: -5 }],
    ["fractional", { order_id: 1.5 }],
    ["above uint64", '{"order_id":18446744073709551616}'],
  ])("rejects order_id %s with 9401020", async (_name, body) => {
    const reply = await getOrder(sim, token, body);
    expect(reply.json.errcode).toBe(9401020);
    expect(reply.json.errmsg).toContain("order_id");
  });
});
