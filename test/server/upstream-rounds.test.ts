// Item 6 of issue 16: a merged page's streams (one per WeChat status, plus weixin12315) go out in one
// round of upstream latency with the default settings. Asserted through the simulators' own count of
// calls in flight at once, not wall time: with added latency every stream of the round overlaps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MINI_STORE_STATUS_CODES } from "../../src/datasources/wechat/status.js";
import { startTestStack, type TestStack } from "../support/stack.js";

describe("one round of upstream latency per merged page (default UPSTREAM_CONCURRENCY)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ orderCount: 200 });
    await stack.graphql("{ miniStoreOrders(first: 1) { nodes { orderId } } }"); // the token, fetched once
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("orders(first: 20) sends every WeChat status stream at once", async () => {
    stack.wechat.setFaults({ latencyMs: 250 });
    stack.weixin12315.setFaults({ latencyMs: 250 });
    stack.wechat.resetStats();
    stack.weixin12315.resetStats();
    try {
      const page = await stack.graphql("{ orders(first: 20) { nodes { __typename } } }");
      expect(page.errors).toBeUndefined();
    } finally {
      stack.wechat.setFaults({});
      stack.weixin12315.setFaults({});
    }
    const wechat = stack.wechat.stats();
    expect(wechat.calls["product/order/get_list"]).toBe(MINI_STORE_STATUS_CODES.length);
    // Every stream was in flight at the same moment: one round, not ⌈12 / slots⌉.
    expect(wechat.maxInFlight).toBe(MINI_STORE_STATUS_CODES.length);
    expect(stack.weixin12315.stats().maxInFlight).toBe(1);
  });
});
