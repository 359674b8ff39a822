// Must show, over real HTTP against the simulators (calls from their stats): a page read by one
// service instance serves the same page on another sharing the Redis; N concurrent viewers of one
// page cost one round of calls; `Cache-Control: no-cache` reads fresh and refreshes the cache;
// UPSTREAM_CACHE_TTL_SECONDS=0 turns it off; lookups of orders a list just read cost nothing.
import { randomBytes } from "node:crypto";

import { afterAll, afterEach, describe, expect, it } from "vitest";

import { createOrdersServer, type OrdersServer } from "../../src/server/app.js";
import { createLogger } from "../../src/server/logger.js";
import { metricsRegistry } from "../../src/telemetry/metrics.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import { cachePrefix, fixedWindow, ordersPage, REDIS_URL, upstreamCalls } from "./support.js";

/** One page of `orders` without a status filter: 12 WeChat streams + 1 weixin12315 stream. */
const ONE_ROUND = { wechat: 12, weixin12315: 1 };

const stacks: TestStack[] = [];
const servers: OrdersServer[] = [];
async function stackWith(env: Record<string, string>) {
  // An appid of its own: with Redis, the WeChat token is shared by appid (another test's would be stale).
  const appid = `wx${randomBytes(8).toString("hex")}`;
  const stack = await startTestStack({ orderCount: 600, seed: 16, env, wechat: { appid } });
  stacks.push(stack);
  return stack;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

/** A second replica: the same configuration, the same simulators, its own process state. */
async function secondInstance(stack: TestStack) {
  const server = await createOrdersServer(stack.config, { logger: createLogger(stack.config) });
  servers.push(server);
  const url = await server.listen();
  return async <T>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      headers: response.headers,
      ...((await response.json()) as { data?: T }),
    };
  };
}

describe.skipIf(!REDIS_URL)("shared by replicas through Redis", () => {
  it("a page one instance read costs the other nothing: first pages, and the blocks of a walk's next pages", async () => {
    const stack = await stackWith({
      UPSTREAM_CACHE_TTL_SECONDS: "60",
      REDIS_URL: REDIS_URL!,
      UPSTREAM_CACHE_KEY_PREFIX: cachePrefix(),
    });
    const other = await secondInstance(stack);
    const filter = fixedWindow(stack);
    expect(await upstreamCalls(stack, () => ordersPage(stack.graphql, { filter, first: 20 }))).toEqual(
      ONE_ROUND,
    );
    let cursor: string | null = null;
    expect(
      await upstreamCalls(stack, async () => {
        cursor = (await ordersPage(other, { filter, first: 20 })).pageInfo.endCursor;
      }),
    ).toEqual({ wechat: 0, weixin12315: 0 });
    // The second page reads one block of 400 rows (the default) per stream; the other instance's second
    // and third pages are in those blocks.
    let next: string | null = null;
    expect(
      await upstreamCalls(stack, async () => {
        next = (await ordersPage(other, { filter, first: 20, after: cursor })).pageInfo.endCursor;
      }),
    ).toEqual(ONE_ROUND);
    expect(
      await upstreamCalls(stack, () => ordersPage(stack.graphql, { filter, first: 20, after: cursor })),
    ).toEqual({ wechat: 0, weixin12315: 0 });
    expect(
      await upstreamCalls(stack, () => ordersPage(stack.graphql, { filter, first: 20, after: next })),
    ).toEqual({ wechat: 0, weixin12315: 0 });
  });
});

describe("in one process", () => {
  it("N concurrent viewers of the same page cost one round of calls", async () => {
    const stack = await stackWith({ UPSTREAM_CACHE_TTL_SECONDS: "60" });
    const filter = fixedWindow(stack);
    const calls = await upstreamCalls(stack, () =>
      Promise.all(Array.from({ length: 25 }, () => ordersPage(stack.graphql, { filter, first: 20 }))),
    );
    expect(calls).toEqual(ONE_ROUND);
  });

  it("Cache-Control: no-cache reads fresh and refreshes what later requests see", async () => {
    const stack = await stackWith({ UPSTREAM_CACHE_TTL_SECONDS: "300" });
    const filter = { ...fixedWindow(stack), statuses: ["PENDING_SHIPMENT"] };
    const first = await ordersPage(stack.graphql, { filter, first: 5 });
    const wechatOrder = first.edges.find((e) => e.node.__typename === "MiniStoreOrder")!.node;
    const moved = await fetch(`${stack.wechat.url}/__sim/orders/status`, {
      method: "POST",
      body: JSON.stringify({ order_id: wechatOrder.orderId, status: 30 }),
    });
    expect(moved.status).toBe(200);
    const ids = (page: Awaited<ReturnType<typeof ordersPage>>) => page.edges.map((e) => e.node.orderId);
    // Within the freshness window the stored page stands, at no cost.
    let cached: Awaited<ReturnType<typeof ordersPage>> | undefined;
    expect(
      await upstreamCalls(
        stack,
        async () => (cached = await ordersPage(stack.graphql, { filter, first: 5 })),
      ),
    ).toEqual({
      wechat: 0,
      weixin12315: 0,
    });
    expect(ids(cached!)).toContain(wechatOrder.orderId);
    let fresh: Awaited<ReturnType<typeof ordersPage>> | undefined;
    const freshCalls = await upstreamCalls(stack, async () => {
      fresh = await ordersPage(stack.graphql, { filter, first: 5 }, { "cache-control": "no-cache" });
    });
    expect(freshCalls).toEqual({ wechat: 1, weixin12315: 1 });
    expect(ids(fresh!)).not.toContain(wechatOrder.orderId);
    // The fresh read replaced the stored one.
    let after: Awaited<ReturnType<typeof ordersPage>> | undefined;
    expect(
      await upstreamCalls(stack, async () => (after = await ordersPage(stack.graphql, { filter, first: 5 }))),
    ).toEqual({
      wechat: 0,
      weixin12315: 0,
    });
    expect(ids(after!)).toEqual(ids(fresh!));
  });

  it("first pages of the default window within one freshness period share reads; no-cache sees an order created since", async () => {
    // A freshness of a day: its periods start at midnight UTC, so these requests fall in one period.
    const stack = await stackWith({ UPSTREAM_CACHE_TTL_SECONDS: "86400" });
    const ids = (page: Awaited<ReturnType<typeof ordersPage>>) => page.edges.map((e) => e.node.orderId);
    const before = await ordersPage(stack.graphql, { first: 5 });
    const created = await fetch(`${stack.wechat.url}/__sim/orders`, {
      method: "POST",
      body: JSON.stringify({ count: 1 }),
    });
    expect(created.status).toBe(200);
    const newest = String(stack.wechat.orders({ source: 1 })[0]!.order_id);
    // Another viewer a moment later: the same window (pinned at the period's start), no upstream call.
    let again: Awaited<ReturnType<typeof ordersPage>> | undefined;
    expect(
      await upstreamCalls(stack, async () => (again = await ordersPage(stack.graphql, { first: 5 }))),
    ).toEqual({ wechat: 0, weixin12315: 0 });
    expect(ids(again!)).toEqual(ids(before));
    // `no-cache` pins the window now: the order created since is there.
    const fresh = await ordersPage(stack.graphql, { first: 5 }, { "cache-control": "no-cache" });
    expect(ids(fresh)[0]).toBe(newest);
  });

  it("UPSTREAM_CACHE_TTL_SECONDS=0 turns the cache off: the same page twice costs twice", async () => {
    const stack = await stackWith({ UPSTREAM_CACHE_TTL_SECONDS: "0" });
    const filter = fixedWindow(stack);
    expect(await upstreamCalls(stack, () => ordersPage(stack.graphql, { filter, first: 20 }))).toEqual(
      ONE_ROUND,
    );
    expect(await upstreamCalls(stack, () => ordersPage(stack.graphql, { filter, first: 20 }))).toEqual(
      ONE_ROUND,
    );
  });

  it("orders a list just read serve _entities, order(id), node(id) and orderByNumber at no upstream cost, again and again", async () => {
    const stack = await stackWith({ UPSTREAM_CACHE_TTL_SECONDS: "60" });
    const filter = fixedWindow(stack);
    const listed = (await ordersPage(stack.graphql, { filter, first: 50 })).edges.map((e) => e.node);
    expect(listed).toHaveLength(50);
    const representations = listed.map((o) =>
      o.__typename === "MiniStoreOrder"
        ? { __typename: o.__typename, orderId: o.orderId }
        : { __typename: o.__typename, orderNumber: o.orderNumber },
    );
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on OrderCommon { orderId status } } }`;
    for (let round = 0; round < 2; round += 1) {
      const calls = await upstreamCalls(stack, async () => {
        const response = await stack.graphql<{ _entities: { orderId: string }[] }>(entities, {
          r: representations,
        });
        expect(response.errors).toBeUndefined();
        expect(response.data!._entities.map((o) => o.orderId)).toEqual(listed.map((o) => o.orderId));
      });
      expect(calls).toEqual({ wechat: 0, weixin12315: 0 });
    }
    const mall = listed.find((o) => o.__typename === "Weixin12315Order")!;
    const wechat = listed.find((o) => o.__typename === "MiniStoreOrder")!;
    const lookups = await upstreamCalls(stack, async () => {
      const response = await stack.graphql<Record<string, { orderId: string } | null>>(
        `query ($n: String!, $w: String!, $mallId: ID!, $wechatId: ID!) {
          mall: orderByNumber(source: WEIXIN12315, orderNumber: $n) { ... on OrderCommon { orderId } }
          wechat: orderByNumber(source: MINI_STORE, orderNumber: $w) { ... on OrderCommon { orderId } }
          mallById: order(id: $mallId) { ... on OrderCommon { orderId } }
          wechatNode: node(id: $wechatId) { ... on OrderCommon { orderId } }
        }`,
        { n: mall.orderNumber, w: wechat.orderNumber, mallId: mall.id, wechatId: wechat.id },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        mall: { orderId: mall.orderId },
        wechat: { orderId: wechat.orderId },
        mallById: { orderId: mall.orderId },
        wechatNode: { orderId: wechat.orderId },
      });
    });
    expect(lookups).toEqual({ wechat: 0, weixin12315: 0 });
  });

  it("an order fetched by id is cached likewise", async () => {
    const stack = await stackWith({ UPSTREAM_CACHE_TTL_SECONDS: "60" });
    const id = String(stack.wechat.orders()[3]!.order_id);
    const query = `query ($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on OrderCommon { orderId } } }`;
    expect(await upstreamCalls(stack, () => stack.graphql(query, { n: id }))).toEqual({
      wechat: 1,
      weixin12315: 0,
    });
    expect(await upstreamCalls(stack, () => stack.graphql(query, { n: id }))).toEqual({
      wechat: 0,
      weixin12315: 0,
    });
  });

  it("counts hits and misses in orders_cache_requests_total", async () => {
    const stack = await stackWith({ UPSTREAM_CACHE_TTL_SECONDS: "60" });
    const count = async (outcome: string) => {
      const metric = await metricsRegistry.getSingleMetric("orders_cache_requests_total")!.get();
      return metric.values.find((v) => v.labels.kind === "list" && v.labels.outcome === outcome)?.value ?? 0;
    };
    const [hits, misses] = [await count("hit"), await count("miss")];
    const filter = fixedWindow(stack);
    await ordersPage(stack.graphql, { filter, first: 20 });
    await ordersPage(stack.graphql, { filter, first: 20 });
    expect((await count("miss")) - misses).toBe(13);
    expect((await count("hit")) - hits).toBe(13);
  });
});
