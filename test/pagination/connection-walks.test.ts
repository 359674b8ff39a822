// Must show: for page sizes 1, 7, 20, 100 and several upstream page sizes, forward and backward walks of
// each connection return every order of the window exactly once, in order, and count = totalCount.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";
import { mergedTruth, miniStoreTruth, weixin12315Truth } from "./support/sim-truth.js";
import { walkConnection, windowOf, type ConnectionField } from "./support/walk-graphql.js";

const PAGE_SIZES = [1, 7, 20, 100];
const DIRECTIONS = ["forward", "backward"] as const;

// The upstream page size follows from the GraphQL one (fetch-ahead, alignment) and is capped by
// UPSTREAM_MAX_PAGE_SIZE; a small cap makes one stream read span several upstream pages.
describe.each([
  { cap: undefined, label: "API maxima (10000 / 1000)" },
  { cap: 4, label: "at most 4 rows" },
])("upstream pages of $label", ({ cap }) => {
  let stack: TestStack;
  let window: ReturnType<typeof windowOf>;
  const filters: Record<ConnectionField, Record<string, unknown>> = {
    orders: {},
    miniStoreOrders: {},
    weixin12315Orders: {},
  };

  beforeAll(async () => {
    stack = await startTestStack({
      orderCount: 300,
      seed: 61,
      env: cap ? { UPSTREAM_MAX_PAGE_SIZE: String(cap) } : {},
    });
    window = windowOf(stack.wechat.now(), 30, 1);
    filters.orders = { createdAfter: window.after, createdBefore: window.before };
    filters.miniStoreOrders = { createdAfter: window.after, createdBefore: window.before };
    filters.weixin12315Orders = { orderedAfter: window.after, orderedBefore: window.before };
  });
  afterAll(() => stack?.close());

  const truth = (field: ConnectionField) =>
    field === "orders"
      ? mergedTruth(stack.wechat, stack.weixin12315, window)
      : field === "miniStoreOrders"
        ? miniStoreTruth(stack.wechat, window)
        : weixin12315Truth(stack.weixin12315, window);

  const cases = (["orders", "miniStoreOrders", "weixin12315Orders"] as const).flatMap((field) =>
    PAGE_SIZES.flatMap((size) => DIRECTIONS.map((direction) => ({ field, size, direction }))),
  );

  it.each(cases)("$field, $direction by $size", async ({ field, size, direction }) => {
    const expected = truth(field);
    expect(expected.length).toBeGreaterThan(15);
    const walk = await walkConnection(stack, field, filters[field]!, direction, size);
    expect(walk.ids).toEqual(expected);
    expect(walk.totals.every((t) => t === expected.length)).toBe(true);
  });
});
