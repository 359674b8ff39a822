// Bounded fan-out: an `_entities` of 4,000 keys is refused before any upstream call (QUERY_TOO_COMPLEX,
// MAX_ENTITY_REPRESENTATIONS), and an allowed large one holds only its fair share of WeChat's call
// slots, so 8 small queries beside it all succeed without queueing behind its calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";

const GET = "product/order/get";
let stack: TestStack;
let orderIds: string[];

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 60, env: { UPSTREAM_CONCURRENCY: "8" } });
  orderIds = stack.wechat.orders().map((order) => String(order.order_id));
  await stack.graphql(`{ orderByNumber(source: MINI_STORE, orderNumber: "${orderIds[0]}") { __typename } }`);
});
afterAll(() => stack?.close());

/** The small queries' orders; the large `_entities` never asks for these. */
const SMALL = 8;

/**
 * `count` distinct WeChat order ids after the small queries' ones (unknown beyond the seeded ones: each
 * still one lookup call). Disjoint from the small queries' keys: identical reads in flight at once are
 * made once, so a small query asking for one of these would wait for the large one's queued call.
 */
const keys = (count: number) =>
  Array.from({ length: count }, (_, i) => orderIds[SMALL + i] ?? String(9_000_000_000_000n + BigInt(i)));

async function timed(body: unknown) {
  const started = performance.now();
  const response = await fetch(`${stack.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    codes: (parsed.errors ?? []).map((e) => e.extensions?.code),
    ms: performance.now() - started,
  };
}

const entities = (count: number) => ({
  query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on MiniStoreOrder { orderId } } }`,
  variables: { r: keys(count).map((orderId) => ({ __typename: "MiniStoreOrder", orderId })) },
});
const smallQuery = (i: number) => ({
  query: `query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { __typename } }`,
  variables: { n: orderIds[i]! },
});

describe("bounded fan-out", () => {
  it("refuses a 4,000-key _entities before any upstream call; 8 small queries beside it succeed", async () => {
    stack.wechat.resetStats();
    stack.wechat.setFaults({ latencyMs: 50 });
    try {
      const [big, ...small] = await Promise.all([
        timed(entities(4_000)),
        ...Array.from({ length: SMALL }, (_, i) => timed(smallQuery(i))),
      ]);
      expect(big).toMatchObject({ status: 400, codes: ["QUERY_TOO_COMPLEX"] });
      expect(small.map((s) => [s.status, s.codes])).toEqual(small.map(() => [200, []]));
      expect(stack.wechat.stats().calls[GET]).toBe(8); // the small queries' calls only
    } finally {
      stack.wechat.setFaults({});
    }
  });

  it("a large allowed _entities holds only its share of the call slots: small queries do not wait behind it", async () => {
    stack.wechat.resetStats();
    stack.wechat.setFaults({ latencyMs: 100 });
    try {
      const bigRun = timed(entities(120));
      await new Promise((resolve) => setTimeout(resolve, 150)); // its calls are queued by now
      const small = await Promise.all(Array.from({ length: SMALL }, (_, i) => timed(smallQuery(i))));
      const big = await bigRun;
      const slowestSmall = Math.max(...small.map((s) => s.ms));
      console.info(
        `120-key _entities took ${Math.round(big.ms)} ms; 8 small queries beside it, slowest ${Math.round(slowestSmall)} ms`,
      );
      expect(big).toMatchObject({ status: 200, codes: [] });
      expect(small.map((s) => [s.status, s.codes])).toEqual(small.map(() => [200, []]));
      // 120 calls at 4 at a time take 3 s; queued behind them a small query would wait over a second.
      expect(slowestSmall).toBeLessThan(big.ms / 2);
      expect(stack.wechat.stats().calls[GET]).toBe(128);
    } finally {
      stack.wechat.setFaults({});
    }
  });
});
