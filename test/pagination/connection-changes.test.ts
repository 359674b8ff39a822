// Must show: walks while orders are inserted and change status between pages (through the simulators'
// admin APIs) return exactly what docs/pagination.md guarantees: every order that existed in the
// window when the walk started and matched the filter throughout, exactly once, in order; nothing
// twice; nothing created after the pin.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formatChinaLocalTime, parseChinaLocalTime } from "../../src/shared/china-time.js";
import { seededRandom } from "../../src/simulators/shared/random.js";
import { cachePrefix, REDIS_URL } from "../cache/support.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import { mergedTruth, miniStoreTruth, weixin12315Truth, type Window } from "./support/sim-truth.js";
import { walkConnection, type ConnectionField } from "./support/walk-graphql.js";

const WECHAT_STATUSES = [10, 20, 30, 100, 250];
const WEIXIN_STATUSES = ["待付款", "待发货", "待收货", "完成交易", "取消交易", "退款订单"];

let stack: TestStack;
let window: Window;

/**
 * Each walk runs reading fresh, and again with the upstream cache and blocks of 5 and of 16 rows (so
 * streams cross blocks, and blocks read before a change meet blocks read after it, on most pages).
 * With the cache, a walk starts where its first page's reads saw the shop, which may be a stored read
 * of an earlier walk (docs/pagination.md): these walks start fresh (`Cache-Control: no-cache` on the
 * first page), so the orders that exist then are the ones the test reads from the simulators.
 * connection-block-stitching.test.ts covers a walk whose first page comes from the cache.
 */
const CONFIGS: { cache: string; env: Record<string, string>; wechat?: { appid: string } }[] = [
  { cache: "off", env: {} },
  { cache: "on, blocks of 5", env: { UPSTREAM_CACHE_TTL_SECONDS: "300", UPSTREAM_BLOCK_SIZE: "5" } },
  { cache: "on, blocks of 16", env: { UPSTREAM_CACHE_TTL_SECONDS: "300", UPSTREAM_BLOCK_SIZE: "16" } },
  // The rounds as Redis stores them (and gives them back), where a real Redis is given.
  ...(REDIS_URL
    ? [
        {
          cache: "on in Redis, blocks of 16",
          env: {
            UPSTREAM_CACHE_TTL_SECONDS: "300",
            UPSTREAM_BLOCK_SIZE: "16",
            REDIS_URL,
            UPSTREAM_CACHE_KEY_PREFIX: cachePrefix(),
          },
          // The WeChat token is shared through Redis by appid: one of its own.
          wechat: { appid: `wx${randomBytes(8).toString("hex")}` },
        },
      ]
    : []),
];
const START_FRESH = { "cache-control": "no-cache" };

async function admin(base: string, path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

/** A status an order was given between two pages ("SOURCE:orderId", WeChat code or weixin12315 name). */
interface StatusChange {
  id: string;
  status: number | string;
}

/**
 * Between two pages: status changes anywhere in the window (each recorded in `statusChanges`), inserts
 * among existing orders, and inserts after the pin (recorded in `lateInserts`).
 */
function churn(seed: number, lateInserts: string[], statusChanges: StatusChange[] = []) {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const inWindow = () =>
    formatChinaLocalTime(new Date((window.lo + Math.floor(random() * (window.hi - window.lo))) * 1000));
  return async () => {
    // Changes land inside the walked window, on both sides of the walk's position.
    const inside = (chinaText: string) => {
      const t = parseChinaLocalTime(chinaText)!.getTime() / 1000;
      return t >= window.lo && t <= window.hi;
    };
    const wechat = stack.wechat.orders({ source: 1 }).filter((o) => inside(o.create_time));
    const weixin = stack.weixin12315.orders().filter((o) => inside(o.ordertime));
    for (let i = 0; i < 3; i += 1) {
      const [order, status] = [pick(wechat), pick(WECHAT_STATUSES)];
      await admin(stack.wechat.url, "/__sim/orders/status", { order_id: String(order.order_id), status });
      statusChanges.push({ id: `MINI_STORE:${order.order_id}`, status });
      const [weixinOrder, orderstatus] = [pick(weixin), pick(WEIXIN_STATUSES)];
      await admin(stack.weixin12315.url, "/__sim/orders/status", {
        ordernumber: weixinOrder.ordernumber,
        orderstatus,
      });
      statusChanges.push({ id: `WEIXIN12315:${weixinOrder.orderid}`, status: orderstatus });
    }
    await admin(stack.wechat.url, "/__sim/orders", { count: 1, createTime: inWindow() });
    await admin(stack.weixin12315.url, "/__sim/orders", { ordertime: inWindow() });
    // Created after the window was pinned on the first page: a fresh query shows them, this walk must not.
    for (const sim of [stack.wechat, stack.weixin12315])
      await admin(sim.url, "/__sim/clock/advance", { seconds: 3 });
    const late = Math.floor(stack.wechat.now().getTime() / 1000);
    await admin(stack.wechat.url, "/__sim/orders", {
      count: 1,
      createTime: formatChinaLocalTime(new Date(late * 1000)),
    });
    await admin(stack.weixin12315.url, "/__sim/orders", {
      ordertime: formatChinaLocalTime(new Date(late * 1000)),
    });
    lateInserts.push(
      `MINI_STORE:${stack.wechat.orders({ source: 1 })[0]!.order_id}`,
      `WEIXIN12315:${stack.weixin12315.orders()[0]!.orderid}`,
    );
  };
}

const truthNow = (field: ConnectionField, statuses?: { wechat?: number[]; weixin?: string[] }) =>
  field === "orders"
    ? mergedTruth(stack.wechat, stack.weixin12315, window)
    : field === "miniStoreOrders"
      ? miniStoreTruth(stack.wechat, window, statuses?.wechat)
      : weixin12315Truth(stack.weixin12315, window, statuses?.weixin);

describe.each(CONFIGS)("cache $cache", ({ env, wechat }) => {
  beforeAll(async () => {
    stack = await startTestStack({ orderCount: 300, seed: 23, env, ...(wechat && { wechat }) });
  });
  afterAll(() => stack?.close());

  describe.each([
    { field: "orders" as const, after: "createdAfter", size: 7, direction: "forward" as const },
    { field: "orders" as const, after: "createdAfter", size: 20, direction: "backward" as const },
    { field: "miniStoreOrders" as const, after: "createdAfter", size: 7, direction: "backward" as const },
    { field: "weixin12315Orders" as const, after: "orderedAfter", size: 5, direction: "forward" as const },
  ])("$field, $direction by $size while orders change", ({ field, after, size, direction }) => {
    it("returns every order that existed, once, in order, and none created after the pin", async () => {
      // The server pins the window with its own clock; the simulators' clocks run ahead after `churn`.
      const now = Math.floor(Date.now() / 1000);
      window = { lo: now - 30 * 86_400, hi: now };
      const existing = truthNow(field);
      expect(existing.length).toBeGreaterThan(20);
      const late: string[] = [];
      const filter = { [after]: new Date(window.lo * 1000).toISOString() };
      const walk = await walkConnection(
        stack,
        field,
        filter,
        direction,
        size,
        churn(size * 7 + existing.length, late),
        START_FRESH,
      );
      expect(walk.pages).toBeGreaterThan(2);

      expect(new Set(walk.ids).size).toBe(walk.ids.length);
      expect(walk.ids).toEqual(expect.arrayContaining(existing));
      expect(walk.ids.filter((id) => late.includes(id))).toEqual([]);
      // In order: the walk is a subsequence of the window's orders as they are now.
      window.hi = Math.floor(stack.wechat.now().getTime() / 1000);
      const position = new Map(truthNow(field).map((id, i) => [id, i]));
      const positions = walk.ids.map((id) => position.get(id) ?? -1);
      expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    });
  });

  describe("with a status filter while statuses change", () => {
    it("orders that matched the filter throughout appear exactly once, in order; none twice", async () => {
      const now = Math.floor(Date.now() / 1000);
      window = { lo: now - 60 * 86_400, hi: now };
      const statuses = [20, 30, 100];
      const matchingAtStart = truthNow("miniStoreOrders", { wechat: statuses });
      const filter = {
        statuses: ["PENDING_SHIPMENT", "SHIPPED", "COMPLETED"],
        createdAfter: new Date(window.lo * 1000).toISOString(),
      };
      const statusChanges: StatusChange[] = [];
      const walk = await walkConnection(
        stack,
        "miniStoreOrders",
        filter,
        "forward",
        6,
        churn(99, [], statusChanges),
        START_FRESH,
      );
      // The guarantee's S: matched when the walk started and was never given a status outside the
      // filter (an order that left and came back may be missed; one that moved within the filter may not).
      const left = new Set(
        statusChanges.filter((change) => !statuses.includes(change.status as number)).map((c) => c.id),
      );
      const guaranteed = matchingAtStart.filter((id) => !left.has(id));
      expect(statusChanges.some((change) => matchingAtStart.includes(change.id))).toBe(true);
      expect(new Set(walk.ids).size).toBe(walk.ids.length);
      const guaranteedSet = new Set(guaranteed);
      expect(walk.ids.filter((id) => guaranteedSet.has(id))).toEqual(guaranteed);
    });
  });
});
