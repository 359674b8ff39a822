// Must show: with the upstream cache, blocks read before a change are never stitched to blocks read
// after it. An order leaving a stream behind the walk's position shifts every later row by one; a
// naive stitch (the stored block 0, then block 1 read after the change) skips the row that moved
// across the block boundary. The walk must still return every order that matched throughout,
// exactly once, in order — over real HTTP against the WeChat simulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";
import { mergedTruth, miniStoreTruth } from "./support/sim-truth.js";
import { walkConnection, windowOf } from "./support/walk-graphql.js";

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

async function setStatus(orderId: string, status: number) {
  const response = await fetch(`${stack.wechat.url}/__sim/orders/status`, {
    method: "POST",
    body: JSON.stringify({ order_id: orderId, status }),
  });
  expect(response.status).toBe(200);
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
    // Page 1 (3 orders) reads block 0; then the newest order, already returned, leaves the stream, so
    // the row at offset BLOCK moves into block 0's range; page 2 uses the stored block 0 and needs block 1.
    const walk = await walkConnection(stack, "miniStoreOrders", filter, "forward", 3, async (page) => {
      if (page === 1) await setStatus(truth[0]!.split(":")[1]!, CANCELLED_CODE);
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
});
