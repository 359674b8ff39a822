// Must show: with the upstream cache, blocks read before a change are never stitched to blocks read
// after it. An order leaving a stream behind the walk's position shifts every later row by one; a
// naive stitch (the stored block 0, then block 1 read after the change) skips the row that moved
// across the block boundary. The walk must still return every order that matched throughout,
// exactly once, in order — over real HTTP against the WeChat simulator. And a walk whose first page
// comes from stored reads starts at the moment those reads saw the shop: it returns every order that
// existed then, exactly once, in order, while orders keep being inserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formatChinaLocalTime } from "../../src/shared/china-time.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import { mergedTruth, miniStoreTruth } from "./support/sim-truth.js";
import { connectionQuery, walkConnection, windowOf, type PageData } from "./support/walk-graphql.js";

const BLOCK = 5;
/** WeChat status codes and their names in the filter; an order moved to CANCELLED_CODE leaves the stream. */
const STATUSES = { 10: "PENDING_PAYMENT", 20: "PENDING_SHIPMENT", 30: "SHIPPED", 100: "COMPLETED" } as const;
const CANCELLED_CODE = 250;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    orderCount: 400,
    seed: 5,
    env: { UPSTREAM_CACHE_TTL_SECONDS: "300", UPSTREAM_BLOCK_SIZE: String(BLOCK) },
  });
});
afterAll(() => stack?.close());

async function admin(base: string, path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

const setStatus = (orderId: string, status: number) =>
  admin(stack.wechat.url, "/__sim/orders/status", { order_id: orderId, status });

/** One order of each source created (back-dated) at unix second `t`. */
async function insertBoth(t: number) {
  const chinaText = formatChinaLocalTime(new Date(t * 1000));
  await admin(stack.wechat.url, "/__sim/orders", { count: 1, createTime: chinaText });
  await admin(stack.weixin12315.url, "/__sim/orders", { ordertime: chinaText });
}

describe("block reads with the cache on", () => {
  it("an order leaving the stream behind the position does not make the walk skip the row that crossed a block boundary", async () => {
    const window = windowOf(stack.wechat.now(), 180);
    // The stream with the most orders in the window (one WeChat status).
    const [code, truth] = Object.keys(STATUSES)
      .map(
        (c) =>
          [Number(c) as keyof typeof STATUSES, miniStoreTruth(stack.wechat, window, [Number(c)])] as const,
      )
      .sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(truth.length).toBeGreaterThan(3 * BLOCK);
    const filter = { statuses: [STATUSES[code]], createdAfter: window.after, createdBefore: window.before };
    // Pages of 3: page 1 reads its own rows, page 2 blocks 0 and 1 (offsets 0–9). Then the newest
    // order, already returned, leaves the stream, so every later row moves up by one: the row at offset
    // 2·BLOCK moves into block 1's range. Page 4 uses the stored block 1 and needs block 2.
    const walk = await walkConnection(stack, "miniStoreOrders", filter, "forward", 3, async (page) => {
      if (page === 2) await setStatus(truth[0]!.split(":")[1]!, CANCELLED_CODE);
    });
    expect(walk.ids).toEqual(truth);
  });

  it("walks of both directions, served from stored blocks, return exactly the window's orders", async () => {
    const window = windowOf(stack.wechat.now(), 30);
    const filter = { createdAfter: window.after, createdBefore: window.before };
    const truth = mergedTruth(stack.wechat, stack.weixin12315, window);
    expect((await walkConnection(stack, "orders", filter, "forward", 7)).ids).toEqual(truth);
    expect((await walkConnection(stack, "orders", filter, "backward", 9)).ids).toEqual(truth);
  });

  it("a walk whose first page comes from stored reads returns every order that existed when they were read", async () => {
    const window = windowOf(stack.wechat.now(), 20, 40);
    const filter = { createdAfter: window.after, createdBefore: window.before };
    // Another client's first page stores its reads; the shop as they saw it is the truth of the walk.
    const earlier = await stack.graphql<PageData>(connectionQuery("orders"), { filter, first: 7 });
    const seenThen = mergedTruth(stack.wechat, stack.weixin12315, window);
    // Then orders are created: the newest of the window, and one in its middle.
    await insertBoth(window.hi);
    await insertBoth(Math.floor((window.lo + window.hi) / 2));
    const newest = mergedTruth(stack.wechat, stack.weixin12315, window).slice(0, 2);
    expect(newest.some((id) => seenThen.includes(id))).toBe(false);

    let step = 0;
    const walk = await walkConnection(stack, "orders", filter, "forward", 7, async () => {
      step += 1;
      await insertBoth(window.lo + Math.floor(((window.hi - window.lo) * step) / 11));
    });
    // The first page is the stored one; the walk never goes back to an older view, nor misses an order of that one.
    const firstPage = earlier.data!.page.edges.map((e) => `${e.node.source}:${e.node.orderId}`);
    expect(walk.ids.slice(0, 7)).toEqual(firstPage);
    expect(new Set(walk.ids).size).toBe(walk.ids.length);
    expect(walk.ids.filter((id) => seenThen.includes(id))).toEqual(seenThen);
    // Created after the walk's start, behind its position: not returned (a fresh query shows them).
    expect(walk.ids.filter((id) => newest.includes(id))).toEqual([]);
  });
});
