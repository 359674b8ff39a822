// Must show: bad arguments → BAD_USER_INPUT with a message a person understands, before any upstream call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";
import { connectionQuery, type ConnectionField, type PageData } from "./support/walk-graphql.js";

let stack: TestStack;
const cursors: Partial<Record<ConnectionField, string>> = {};

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 100, seed: 5 });
  for (const field of ["orders", "miniStoreOrders", "weixin12315Orders"] as const) {
    const response = await stack.graphql<PageData>(connectionQuery(field, { totalCount: false }), {
      first: 2,
    });
    cursors[field] = response.data!.page.pageInfo.endCursor!;
  }
});
afterAll(() => stack?.close());

const forged = (cursor: string) => {
  const bytes = Buffer.from(cursor, "base64url");
  bytes[bytes.length - 20]! ^= 0x01;
  return bytes.toString("base64url");
};

describe("bad connection arguments", () => {
  it.each([
    {
      why: "first and last together",
      field: "orders",
      vars: () => ({ first: 5, last: 5 }),
      message: /either `first`.*or `last`/,
    },
    {
      why: "first over 100",
      field: "orders",
      vars: () => ({ first: 101 }),
      message: /`first` must be an integer from 0 to 100, got 101/,
    },
    {
      why: "negative first",
      field: "miniStoreOrders",
      vars: () => ({ first: -1 }),
      message: /`first` .* got -1/,
    },
    {
      why: "negative last",
      field: "weixin12315Orders",
      vars: () => ({ last: -3 }),
      message: /`last` .* got -3/,
    },
    {
      why: "a forged cursor",
      field: "orders",
      vars: () => ({ after: forged(cursors.orders!) }),
      message: /`after` is not a valid cursor/,
    },
    {
      why: "a made-up cursor",
      field: "orders",
      vars: () => ({ before: "YXJyYXljb25uZWN0aW9uOjEw" }),
      message: /`before` is not a valid cursor/,
    },
    {
      why: "a cursor of another field",
      field: "orders",
      vars: () => ({ after: cursors.miniStoreOrders }),
      message: /cursor of the `miniStoreOrders` field; it cannot be used with `orders`/,
    },
    {
      why: "a cursor of another filter",
      field: "orders",
      vars: () => ({ after: cursors.orders, filter: { statuses: ["COMPLETED"] } }),
      message: /issued for a different filter/,
    },
    {
      why: "createdAfter later than createdBefore",
      field: "orders",
      vars: () => ({
        filter: { createdAfter: "2024-05-02T00:00:00+08:00", createdBefore: "2024-05-01T00:00:00Z" },
      }),
      message:
        /`createdAfter` \(2024-05-02T00:00:00\+08:00\) is later than `createdBefore` \(2024-05-01T08:00:00\+08:00\)/,
    },
    {
      why: "updatedAfter later than updatedBefore",
      field: "miniStoreOrders",
      vars: () => ({
        filter: { updatedAfter: "2024-05-02T00:00:00Z", updatedBefore: "2024-05-01T00:00:00Z" },
      }),
      message: /`updatedAfter` .* is later than `updatedBefore`/,
    },
    {
      why: "orderedAfter later than orderedBefore",
      field: "weixin12315Orders",
      vars: () => ({
        filter: { orderedAfter: "2024-05-02T00:00:00Z", orderedBefore: "2024-05-01T00:00:00Z" },
      }),
      message: /`orderedAfter` .* is later than `orderedBefore`/,
    },
    {
      why: "a blank order number",
      field: "orders",
      vars: () => ({ filter: { orderNumber: "  " } }),
      message: /must not be blank/,
    },
  ] as const)("$why → BAD_USER_INPUT, no upstream call", async ({ field, vars, message }) => {
    stack.wechat.resetStats();
    stack.weixin12315.resetStats();
    const response = await stack.graphql(connectionQuery(field), vars());
    expect(response.data?.page ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors![0]!.message).toMatch(message);
    expect(stack.wechat.stats().total + stack.weixin12315.stats().total).toBe(0);
  });

  it("a cursor of the same field and filter keeps working (first+after, last+before)", async () => {
    for (const variables of [
      { first: 3, after: cursors.orders },
      { last: 1, before: cursors.orders },
    ]) {
      const response = await stack.graphql<PageData>(connectionQuery("orders"), variables);
      expect(response.errors).toBeUndefined();
      expect(response.data!.page.edges.length).toBeGreaterThan(0);
    }
  });
});
