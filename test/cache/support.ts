// Helpers of the cache tests: list calls each simulator saw, a fixed window (so every instance and
// request reads the same upstream parameters), and a random Redis key prefix per test (the Redis is shared).
import { randomUUID } from "node:crypto";

import { expect } from "vitest";

import type { TestStack } from "../support/stack.js";

/** A real Redis (CI sets redis://127.0.0.1:6379); the tests that need one are skipped without it. */
export const REDIS_URL = process.env.REDIS_URL;

export const cachePrefix = () => `i16a-test:${randomUUID()}:`;

/** Order calls (lists and lookups; not access-token fetches) each simulator saw while `run` ran. */
export async function upstreamCalls(stack: TestStack, run: () => Promise<unknown>) {
  stack.wechat.resetStats();
  stack.weixin12315.resetStats();
  await run();
  const sum = (calls: Record<string, number>) =>
    Object.entries(calls)
      .filter(([endpoint]) => !endpoint.includes("token"))
      .reduce((total, [, n]) => total + n, 0);
  return { wechat: sum(stack.wechat.stats().calls), weixin12315: sum(stack.weixin12315.stats().calls) };
}

const ORDERS_PAGE = `
  query Page($filter: OrderFilter, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after) {
      edges { node { __typename ... on OrderCommon { id orderId orderNumber status } } }
      pageInfo { endCursor }
    }
  }`;

export interface OrdersPage {
  orders: {
    edges: {
      node: { __typename: string; id: string; orderId: string; orderNumber: string; status: string };
    }[];
    pageInfo: { endCursor: string | null };
  };
}

/**
 * A fixed window ending ten minutes before the simulators' clock, as an `orders` filter: before the
 * start of the cache's freshness period (tests use up to 300 s), so every request, `no-cache` ones
 * included, asks the upstream for exactly this window.
 */
export function fixedWindow(stack: TestStack, days = 30) {
  const hi = Math.floor(stack.wechat.now().getTime() / 1000) - 600;
  const iso = (s: number) => new Date(s * 1000).toISOString();
  return { createdAfter: iso(hi - days * 86_400), createdBefore: iso(hi) };
}

export async function ordersPage(
  graphql: TestStack["graphql"],
  variables: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  const response = await graphql<OrdersPage>(ORDERS_PAGE, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data!.orders;
}
