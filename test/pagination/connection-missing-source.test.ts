// A source without credentials: the merged `orders` reads the other one; its own field says it is unavailable.
import { afterAll, beforeAll, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";
import { miniStoreTruth } from "./support/sim-truth.js";
import { connectionQuery, walkConnection, windowOf, type PageData } from "./support/walk-graphql.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    orderCount: 150,
    seed: 3,
    env: { WX12315_APP_ID: undefined, WX12315_APP_SECRET: undefined },
  });
});
afterAll(() => stack?.close());

it("orders skips the unconfigured source", async () => {
  const window = windowOf(stack.wechat.now(), 30, 1);
  const walk = await walkConnection(
    stack,
    "orders",
    { createdAfter: window.after, createdBefore: window.before },
    "forward",
    20,
  );
  expect(walk.ids).toEqual(miniStoreTruth(stack.wechat, window));
  expect(stack.weixin12315.stats().total).toBe(0);
});

it("weixin12315Orders fails with UPSTREAM_UNAVAILABLE", async () => {
  const response = await stack.graphql<PageData>(connectionQuery("weixin12315Orders"), { first: 5 });
  expect(response.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
});
