// Pins the order every connection walks in to literal cases (the contract: newest created first, whole
// seconds; at the same second MINI_STORE before WEIXIN12315; then orderId descending as an integer):
// the production comparator, the tests' own oracle, and the merged `orders` connection over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { compareNewestFirst, sortKeyOf } from "../../src/pagination/sort-key.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import { contractOrder, type ContractSortKey } from "../support/newest-first.js";
import { walkConnection } from "./support/walk-graphql.js";

const order = (source: ContractSortKey["source"], orderId: string, createdAt: string): ContractSortKey => ({
  source,
  orderId,
  createdAt: new Date(createdAt),
});
const mini = (orderId: string, createdAt: string) => order("MINI_STORE", orderId, createdAt);
const weixin = (orderId: string, createdAt: string) => order("WEIXIN12315", orderId, createdAt);

const T = "2024-06-01T12:00:00+08:00";
const T_PLUS_1 = "2024-06-01T12:00:01+08:00";

/** Each pair with the one that must come first. */
const PAIRS: { name: string; a: ContractSortKey; b: ContractSortKey; first: "a" | "b" | "same" }[] = [
  { name: "the newer second first", a: mini("5", T), b: mini("5", T_PLUS_1), first: "b" },
  {
    name: "the newer second first, whatever the source and id of the older",
    a: weixin("9950", T_PLUS_1),
    b: mini("3705115058471208929", T),
    first: "a",
  },
  {
    name: "same second: MINI_STORE before WEIXIN12315, even with the smaller id",
    a: weixin("99999", T),
    b: mini("10", T),
    first: "b",
  },
  {
    name: "same second and source: the larger id first, as integers (not as text)",
    a: mini("9999999999", T),
    b: mini("10000000000", T),
    first: "b",
  },
  {
    name: "ids above 2^53 that one double cannot tell apart",
    a: mini("3705115058471208928", T),
    b: mini("3705115058471208929", T),
    first: "b",
  },
  {
    name: "weixin12315 ids of 4 and 5 digits",
    a: weixin("9999", T),
    b: weixin("10000", T),
    first: "b",
  },
  {
    name: "whole seconds: milliseconds within the second do not count, the id decides",
    a: mini("1", "2024-06-01T12:00:00.900+08:00"),
    b: mini("2", "2024-06-01T12:00:00.100+08:00"),
    first: "b",
  },
  { name: "the same key", a: mini("42", T), b: mini("42", T), first: "same" },
];

const sign = (n: number) => Math.sign(n) || 0;
const expectedSign = { a: -1, b: 1, same: 0 } as const;

describe.each([
  {
    comparator: "compareNewestFirst (production)",
    compare: (x: ContractSortKey, y: ContractSortKey) => compareNewestFirst(sortKeyOf(x), sortKeyOf(y)),
  },
  { comparator: "the tests' contract oracle", compare: contractOrder },
])("$comparator", ({ compare }) => {
  it.each(PAIRS)("$name", ({ a, b, first }) => {
    expect(sign(compare(a, b))).toBe(expectedSign[first]);
    expect(sign(compare(b, a))).toBe(-expectedSign[first] || 0);
  });

  it("sorts a mixed list into the literal expected order", () => {
    const expected = [
      "MINI_STORE:7",
      "WEIXIN12315:9950",
      "MINI_STORE:3705115058471208929",
      "MINI_STORE:3705115058471208928",
      "MINI_STORE:10000000000",
      "MINI_STORE:9999999999",
      "WEIXIN12315:10001",
      "WEIXIN12315:9999",
      "MINI_STORE:88888888888",
    ];
    const shuffled = [
      weixin("9999", T),
      mini("9999999999", T),
      mini("88888888888", "2024-06-01T11:59:59+08:00"),
      weixin("9950", T_PLUS_1),
      mini("3705115058471208928", T),
      weixin("10001", T),
      mini("7", T_PLUS_1),
      mini("10000000000", T),
      mini("3705115058471208929", T),
    ];
    const sorted = [...shuffled].sort(compare).map((o) => `${o.source}:${o.orderId}`);
    expect(sorted).toEqual(expected);
  });
});

describe("the merged orders connection over both simulators", () => {
  let stack: TestStack;
  // A second long before the seeded data (the last 180 days), so the window holds only these orders.
  const second = "2023-03-01 10:00:00";
  const nextSecond = "2023-03-01 10:00:01";
  const filter = { createdAfter: "2023-03-01T10:00:00+08:00", createdBefore: "2023-03-01T10:00:01+08:00" };
  let expected: string[];

  async function insert(base: string, body: unknown): Promise<{ orderid?: string }[]> {
    const response = await fetch(`${base}/__sim/orders`, { method: "POST", body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { orders: { orderid?: string }[] }).orders;
  }

  beforeAll(async () => {
    stack = await startTestStack({ orderCount: 50, seed: 5 });
    const wechatIds = ["9999999999", "3705115058471208928", "10000000000", "3705115058471208929"];
    await insert(stack.wechat.url, {
      createTime: second,
      orders: wechatIds.map((order_id) => ({ order_id })),
    });
    await insert(stack.wechat.url, { createTime: nextSecond, orders: [{ order_id: "7" }] });
    const [older, newer] = await insert(stack.weixin12315.url, { count: 2, ordertime: second });
    const [late] = await insert(stack.weixin12315.url, { ordertime: nextSecond });
    // The simulator numbers orders upwards: the second of a pair has the larger orderid.
    expect(Number(newer!.orderid)).toBeGreaterThan(Number(older!.orderid));
    expected = [
      "MINI_STORE:7",
      `WEIXIN12315:${late!.orderid}`,
      "MINI_STORE:3705115058471208929",
      "MINI_STORE:3705115058471208928",
      "MINI_STORE:10000000000",
      "MINI_STORE:9999999999",
      `WEIXIN12315:${newer!.orderid}`,
      `WEIXIN12315:${older!.orderid}`,
    ];
  });
  afterAll(() => stack?.close());

  it.each([
    { direction: "forward" as const, size: 20 },
    { direction: "forward" as const, size: 3 },
    { direction: "backward" as const, size: 20 },
    { direction: "backward" as const, size: 3 },
  ])("$direction by $size returns the literal expected order", async ({ direction, size }) => {
    const walk = await walkConnection(stack, "orders", filter, direction, size);
    expect(walk.ids).toEqual(expected);
    expect(walk.totals.every((total) => total === expected.length)).toBe(true);
  });
});
