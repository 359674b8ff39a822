// Must show: upstream calls per page follow the README formula (simulator stats), the first page of a
// single-status miniStoreOrders query is one list call, a window WeChat refuses (-31042) is walked exactly,
// and with the upstream cache the next pages and the same page again cost no call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";
import { mergedTruth, miniStoreTruth } from "./support/sim-truth.js";
import { connectionQuery, walkConnection, windowOf, type PageData } from "./support/walk-graphql.js";

const LIST = { wechat: "product/order/get_list", weixin12315: "md.shop.order.list" } as const;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 600, seed: 41 });
});
afterAll(() => stack?.close());

/** List calls each simulator saw while `run` ran. */
async function listCalls(run: () => Promise<void>) {
  stack.wechat.resetStats();
  stack.weixin12315.resetStats();
  await run();
  return {
    wechat: stack.wechat.stats().calls[LIST.wechat] ?? 0,
    weixin12315: stack.weixin12315.stats().calls[LIST.weixin12315] ?? 0,
  };
}

async function page(
  field: "orders" | "miniStoreOrders",
  variables: Record<string, unknown>,
  totalCount = true,
) {
  const response = await stack.graphql<PageData>(connectionQuery(field, { totalCount }), variables);
  expect(response.errors).toBeUndefined();
  return response.data!.page;
}

describe("upstream calls per page: |WeChat status codes| + |weixin12315 status codes| (1 for all)", () => {
  it.each([
    { statuses: undefined, wechat: 12, weixin12315: 1 },
    { statuses: ["PENDING_SHIPMENT"], wechat: 1, weixin12315: 1 },
    { statuses: ["CANCELLED"], wechat: 4, weixin12315: 1 },
    { statuses: ["PENDING_SHIPMENT", "SHIPPED", "COMPLETED"], wechat: 3, weixin12315: 3 },
    { statuses: ["REFUND"], wechat: 0, weixin12315: 1 },
    { statuses: ["PENDING_GROUP"], wechat: 1, weixin12315: 0 },
  ])(
    "orders(first: 20, statuses: $statuses): $wechat + $weixin12315 on every page",
    async ({ statuses, wechat, weixin12315 }) => {
      const filter = statuses ? { statuses } : {};
      let cursor: string | null = null;
      for (let n = 0; n < 3; n += 1) {
        const calls = await listCalls(async () => {
          const current = await page("orders", { filter, first: 20, after: cursor });
          cursor = current.pageInfo.endCursor;
        });
        expect(calls).toEqual({ wechat, weixin12315 });
        if (!cursor) break;
      }
    },
  );

  it("backward pages with a cursor follow the same formula (orders(last: 20, before: …): 12 + 1)", async () => {
    const start = await page("orders", { first: 100 });
    let cursor = start.pageInfo.endCursor;
    for (let n = 0; n < 3; n += 1) {
      const calls = await listCalls(async () => {
        cursor = (await page("orders", { last: 20, before: cursor })).pageInfo.startCursor;
      });
      expect(calls).toEqual({ wechat: 12, weixin12315: 1 });
    }
  });

  it("miniStoreOrders(first: 20, statuses: [PENDING_SHIPMENT]): the first page is exactly one list call", async () => {
    const calls = await listCalls(async () => {
      const first = await page("miniStoreOrders", { filter: { statuses: ["PENDING_SHIPMENT"] }, first: 20 });
      expect(first.edges.length).toBeGreaterThan(0);
    });
    expect(calls).toEqual({ wechat: 1, weixin12315: 0 });
  });

  it("orderNumber is a direct lookup in each source, not a list walk", async () => {
    const wanted = stack.wechat.orders({ source: 1 })[3]!;
    const calls = await listCalls(async () => {
      const found = await page("orders", { filter: { orderNumber: String(wanted.order_id) } });
      expect(found.edges.map((e) => e.node.orderId)).toEqual([String(wanted.order_id)]);
      expect(found.totalCount).toBe(1);
    });
    expect(calls.wechat).toBe(0);
    expect(stack.wechat.stats().calls["product/order/get"]).toBe(1);
  });
});

describe("a window WeChat refuses as too large (-31042)", () => {
  beforeAll(() => stack.wechat.configure({ scanLimit: 25 }));
  afterAll(() => stack.wechat.configure({ scanLimit: 2000 }));

  it.each([
    { field: "miniStoreOrders" as const, direction: "forward" as const, size: 20 },
    { field: "miniStoreOrders" as const, direction: "backward" as const, size: 7 },
    { field: "orders" as const, direction: "forward" as const, size: 20 },
    { field: "orders" as const, direction: "backward" as const, size: 20 },
  ])(
    "$field, $direction by $size: split transparently, walked exactly",
    async ({ field, direction, size }) => {
      const window = windowOf(stack.wechat.now(), 40, 1);
      const expected =
        field === "orders"
          ? mergedTruth(stack.wechat, stack.weixin12315, window)
          : miniStoreTruth(stack.wechat, window);
      const wechatInWindow = miniStoreTruth(stack.wechat, window).length;
      expect(wechatInWindow).toBeGreaterThan(2 * 25);
      const filter = { createdAfter: window.after, createdBefore: window.before };
      const walk = await walkConnection(stack, field, filter, direction, size);
      expect(walk.ids).toEqual(expected);
      expect(walk.totals.every((t) => t === expected.length)).toBe(true);
    },
  );

  it("remembers the split in the cursor: later pages read one sub-window, and totalCount reads the rest", async () => {
    const window = windowOf(stack.wechat.now(), 40, 1);
    const variables = { filter: { createdAfter: window.after, createdBefore: window.before } };
    const first = await page("miniStoreOrders", { ...variables, first: 5 }, false);
    const next = { ...variables, first: 5, after: first.pageInfo.endCursor };
    // No refused calls and no re-splitting: the 12 status streams of the sub-window the walk stands in.
    expect(await listCalls(() => page("miniStoreOrders", next, false).then(() => undefined))).toEqual({
      wechat: 12,
      weixin12315: 0,
    });
    // totalCount sums every stream of every sub-window: one more call per (status, other sub-window).
    const withTotal = await listCalls(() => page("miniStoreOrders", next).then(() => undefined));
    expect(withTotal.wechat).toBeGreaterThan(12);
    expect(withTotal.wechat % 12).toBe(0);
  });
});

describe("with the upstream cache (blocks of 400 rows, the default)", () => {
  let cachedStack: TestStack;
  beforeAll(async () => {
    cachedStack = await startTestStack({
      orderCount: 600,
      seed: 41,
      env: { UPSTREAM_CACHE_TTL_SECONDS: "300" },
    });
  });
  afterAll(() => cachedStack?.close());

  async function cachedCalls(variables: Record<string, unknown>, headers?: Record<string, string>) {
    cachedStack.wechat.resetStats();
    cachedStack.weixin12315.resetStats();
    const response = await cachedStack.graphql<PageData>(connectionQuery("orders"), variables, headers);
    expect(response.errors).toBeUndefined();
    const calls = {
      wechat: cachedStack.wechat.stats().calls[LIST.wechat] ?? 0,
      weixin12315: cachedStack.weixin12315.stats().calls[LIST.weixin12315] ?? 0,
    };
    return { calls, page: response.data!.page };
  }

  it("orders(first: 20): the first page reads its rows (12 + 1 calls), the second one block per stream, the next pages and the same first page again none", async () => {
    // A fixed window: every request reads the same upstream parameters (a first page pins `now` otherwise).
    const window = windowOf(cachedStack.wechat.now(), 30);
    const filter = { createdAfter: window.after, createdBefore: window.before };
    const first = await cachedCalls({ filter, first: 20 });
    expect(first.calls).toEqual({ wechat: 12, weixin12315: 1 });
    // The second page starts the blocks: one per stream.
    const second = await cachedCalls({ filter, first: 20, after: first.page.pageInfo.endCursor });
    expect(second.calls).toEqual({ wechat: 12, weixin12315: 1 });
    let cursor = second.page.pageInfo.endCursor;
    // Each stream's block holds up to 400 rows: the next pages use rows already read.
    for (let n = 0; n < 3; n += 1) {
      const next = await cachedCalls({ filter, first: 20, after: cursor });
      expect(next.calls).toEqual({ wechat: 0, weixin12315: 0 });
      cursor = next.page.pageInfo.endCursor;
    }
    expect((await cachedCalls({ filter, first: 20 })).calls).toEqual({ wechat: 0, weixin12315: 0 });
    // `Cache-Control: no-cache` pays the fresh price again (and refreshes the blocks).
    expect((await cachedCalls({ filter, first: 20 }, { "cache-control": "no-cache" })).calls).toEqual({
      wechat: 12,
      weixin12315: 1,
    });
  });
});
