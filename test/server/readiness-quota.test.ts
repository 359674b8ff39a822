// Item 7 of issue 16: repeated /ready probes cost no upstream call while a recent call proved the source
// healthy, a call that finds it unavailable ends the proof, and a probe never waits behind user calls.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";

const WX_LIST = "md.shop.order.list";
const WECHAT_LIST = "product/order/get_list";

async function ready(stack: TestStack) {
  const response = await fetch(`${stack.url}/ready`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, unknown> } };
}

const callsSent = (stack: TestStack) => ({
  ...stack.wechat.stats().calls,
  ...stack.weixin12315.stats().calls,
});

describe("/ready within the proof window (default 60 s)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ orderCount: 30 });
  });
  afterEach(() => {
    stack.weixin12315.setFaults({});
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("probes once, then answers repeated probes from that proof without an upstream call", async () => {
    const first = await ready(stack);
    expect(first.status).toBe(200);
    expect(first.body.checks.WEIXIN12315).toMatchObject({ ok: true, proof: "probe" });
    expect(stack.weixin12315.stats().calls[WX_LIST]).toBe(1);

    stack.wechat.resetStats();
    stack.weixin12315.resetStats();
    for (let i = 0; i < 5; i++) {
      const again = await ready(stack);
      expect(again.status).toBe(200);
      expect(again.body.checks).toMatchObject({
        MINI_STORE: { ok: true, proof: "recent-call" },
        WEIXIN12315: { ok: true, proof: "recent-call" },
      });
    }
    expect(callsSent(stack)).toEqual({});
  });

  it("user traffic is proof too; a call that finds the source unavailable ends it", async () => {
    expect((await stack.graphql("{ orders(first: 2) { nodes { __typename } } }")).errors).toBeUndefined();
    stack.wechat.resetStats();
    stack.weixin12315.resetStats();
    expect((await ready(stack)).status).toBe(200);
    expect(callsSent(stack)).toEqual({});

    // Three 502s: the user call's attempts fail, the breaker stays closed (5 to open), the next call succeeds.
    stack.weixin12315.setFaults({ mode: "http502", times: 3 });
    const failed = await stack.graphql("{ weixin12315Orders(first: 1) { nodes { orderNumber } } }");
    expect(failed.errors?.[0]?.extensions).toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      source: "WEIXIN12315",
    });
    stack.weixin12315.resetStats();
    const probed = await ready(stack);
    expect(probed.status).toBe(200);
    expect(probed.body.checks.WEIXIN12315).toMatchObject({ ok: true, proof: "probe" });
    expect(probed.body.checks.MINI_STORE).toMatchObject({ ok: true, proof: "recent-call" });
    expect(stack.weixin12315.stats().calls[WX_LIST]).toBe(1);
    expect(stack.wechat.stats().calls[WECHAT_LIST]).toBeUndefined(); // WeChat's proof was never in doubt
  });
});

describe("a readiness probe skips the queue for upstream call slots", () => {
  let stack: TestStack;
  beforeAll(async () => {
    // One call slot per source and no proof: every probe calls, and user calls keep the slot busy.
    stack = await startTestStack({
      orderCount: 30,
      env: { UPSTREAM_CONCURRENCY: "1", READY_PROOF_SECONDS: "0" },
    });
  });
  afterAll(async () => {
    stack.weixin12315.setFaults({});
    await stack?.close();
  });

  it("goes out beside the user calls holding the only slot, not after them", async () => {
    stack.weixin12315.setFaults({ latencyMs: 300 });
    stack.weixin12315.resetStats();
    const users = Array.from({ length: 4 }, (_, i) =>
      stack.graphql(`{ weixin12315Orders(first: ${i + 1}) { nodes { orderNumber } } }`),
    );
    // Let the user calls take the slot and queue behind it first.
    while ((stack.weixin12315.stats().calls[WX_LIST] ?? 0) < 1) await new Promise((r) => setTimeout(r, 10));
    expect((await ready(stack)).status).toBe(200);
    const inFlightWithProbe = stack.weixin12315.stats().maxInFlight;
    await Promise.all(users);
    // With one slot, user calls alone never overlap: a second call in flight is the probe beside them.
    expect(inFlightWithProbe).toBe(2);
  });
});
