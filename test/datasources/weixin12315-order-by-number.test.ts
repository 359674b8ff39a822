// Must show: weixin12315 `orderByNumber` pages through the keyword's matches, so an order whose
// number other numbers contain is found even when more than one page of those comes first (the
// simulator's `keywordMatch: "substring"`, as a real search may behave). Over real HTTP.
import { afterAll, beforeAll, expect, it } from "vitest";

import { formatChinaLocalTime } from "../../src/shared/china-time.js";
import { startTestStack, type TestStack } from "../support/stack.js";

const TARGET = "770012345";
const QUERY = `query ($n: String!) { orderByNumber(source: WEIXIN12315, orderNumber: $n) { ... on OrderCommon { orderNumber } } }`;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 50, seed: 3, weixin12315: { keywordMatch: "substring" } });
  const at = (minutesAgo: number) =>
    formatChinaLocalTime(new Date(stack.weixin12315.now().getTime() - minutesAgo * 60_000));
  // 45 newer orders whose numbers contain the target's (two keyword pages of 20 and more), then the target.
  const orders = [
    ...Array.from({ length: 45 }, (_, i) => ({
      ordernumber: `${TARGET}${String(i).padStart(2, "0")}`,
      ordertime: at(i),
    })),
    { ordernumber: TARGET, ordertime: at(600) },
  ];
  const response = await fetch(`${stack.weixin12315.url}/__sim/orders`, {
    method: "POST",
    body: JSON.stringify({ orders }),
  });
  expect(response.status).toBe(200);
});
afterAll(() => stack?.close());

it("finds the exact number past the first pages of keyword matches", async () => {
  stack.weixin12315.resetStats();
  const response = await stack.graphql<{ orderByNumber: { orderNumber: string } | null }>(QUERY, {
    n: TARGET,
  });
  expect(response.errors).toBeUndefined();
  expect(response.data!.orderByNumber).toEqual({ orderNumber: TARGET });
  expect(stack.weixin12315.stats().calls["md.shop.order.list"]).toBe(3);
});

it("a number no order has is null after the matches run out", async () => {
  const response = await stack.graphql<{ orderByNumber: unknown }>(QUERY, { n: `${TARGET}9` });
  expect(response.errors).toBeUndefined();
  expect(response.data!.orderByNumber).toBeNull();
});
