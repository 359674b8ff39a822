// Upstream calls are counted to the operation that made them, at any concurrency: 30 operations at
// once, each asking for a different number of orders, through 2 upstream slots (so most calls wait
// and are started by another operation's finishing call). Each log line's count is that operation's
// own, and together they equal what the simulator saw.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;
let orderIds: string[];

beforeAll(async () => {
  stack = await startTestStack({
    orderCount: 150,
    env: { UPSTREAM_CONCURRENCY: "2", MAX_CONCURRENT_OPERATIONS: "30" },
  });
  orderIds = stack.wechat.orders().map((order) => String(order.order_id));
  await stack.graphql(`{ orderByNumber(source: MINI_STORE, orderNumber: "${orderIds[0]}") { __typename } }`);
});
afterAll(() => stack?.close());

describe("per-operation upstream call counts", () => {
  it("are exact for 30 concurrent operations", async () => {
    stack.wechat.resetStats();
    stack.wechat.setFaults({ latencyMs: 30 });
    try {
      // Operation i asks for (i mod 5) + 1 orders no other operation asks for (identical reads in
      // flight at once are made once, for whichever operation asked first): as many calls of
      // product/order/get. Order 0 was read at start-up and is left out.
      let next = 1;
      const operations = Array.from({ length: 30 }, (_, i) => {
        const keys = orderIds.slice(next, next + (i % 5) + 1);
        next += keys.length;
        return { requestId: `attribution-${i}`, keys };
      });
      await Promise.all(
        operations.map(async ({ requestId, keys }) => {
          const response = await fetch(`${stack.url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-request-id": requestId },
            body: JSON.stringify({
              query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on MiniStoreOrder { orderId } } }`,
              variables: { r: keys.map((orderId) => ({ __typename: "MiniStoreOrder", orderId })) },
            }),
          });
          expect(response.status).toBe(200);
        }),
      );
      const logged = new Map(
        stack
          .logs()
          .filter(
            (line) => line.msg === "graphql operation" && String(line.requestId).startsWith("attribution-"),
          )
          .map((line) => [line.requestId, line.upstreamCalls]),
      );
      const expected = new Map(operations.map(({ requestId, keys }) => [requestId, keys.length]));
      expect(logged).toEqual(expected);
      const total = [...expected.values()].reduce((a, b) => a + b, 0);
      const seen = stack.wechat.stats().calls["product/order/get"];
      console.info(`30 concurrent operations: ${total} calls logged, ${seen} seen by the simulator`);
      expect(seen).toBe(total);
    } finally {
      stack.wechat.setFaults({});
    }
  });
});
