// Item 5 of issue 16: a fleet-wide per-minute budget of upstream calls, shared by two service instances
// through a real Redis, and WeChat's per-minute quota answer (45011) holding every replica's calls.
import { randomBytes } from "node:crypto";

import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { CallBudget, CallBudgetRefusal } from "../../src/budget/call-budget.js";
import { createOrdersServer, type OrdersServer } from "../../src/server/app.js";
import { metricsRegistry } from "../../src/telemetry/metrics.js";
import { memoryLogger } from "../datasources/support.js";
import { startTestStack, type GraphqlResponse, type TestStack } from "../support/stack.js";

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL)
  console.warn("test/server/upstream-budget.test.ts: the Redis part is skipped (REDIS_URL unset)");

const BY_NUMBER = "query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { __typename } }";
const ONE_STATUS_PAGE =
  "{ miniStoreOrders(first: 5, filter: { statuses: [COMPLETED] }) { nodes { orderId } } }";

/** A second replica of the stack's service: same configuration, its own process state. */
async function replicaOf(stack: TestStack): Promise<{ server: OrdersServer; url: string }> {
  const server = await createOrdersServer({ ...stack.config, port: 0 }, { logger: stack.server.logger });
  return { server, url: await server.listen() };
}

async function graphqlAt(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Omit<GraphqlResponse, "status" | "headers">;
}

const wechatCallsSent = (stack: TestStack) =>
  Object.values(stack.wechat.stats().calls).reduce((sum, n) => sum + n, 0);

/** A budget counter's value for the given labels (this process's registry: both instances share it). */
async function counter(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric(name)!.get();
  const matches = (v: { labels: Record<string, unknown> }) =>
    Object.entries(labels).every(([key, value]) => v.labels[key] === value);
  return metric.values.find(matches)?.value ?? 0;
}
const refusals = (source: string, reason: string) =>
  counter("orders_upstream_budget_refusals_total", { source, reason });
const waits = (source: string) => counter("orders_upstream_budget_waits_total", { source });

describe("CallBudget in one process (no Redis)", () => {
  it("lets callsPerMinute calls through, then refuses at once when the wait would exceed the bound", async () => {
    const budget = new CallBudget({
      source: "WEIXIN12315",
      callsPerMinute: 3,
      maxWaitMs: 500,
      keyPrefix: `test:budget:${randomBytes(6).toString("hex")}`,
      logger: memoryLogger().logger,
    });
    for (let i = 0; i < 3; i++) await budget.take();
    const refusal = await budget.take().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CallBudgetRefusal);
    expect(refusal).toMatchObject({ reason: "budget" });
    expect((refusal as CallBudgetRefusal).retryAfterMs).toBeGreaterThan(500);
  });

  it("a call over the budget waits for the next window when that is within the bound, then goes", async () => {
    const budget = new CallBudget({
      source: "WEIXIN12315",
      callsPerMinute: 2,
      windowSeconds: 1,
      maxWaitMs: 5_000,
      keyPrefix: `test:budget:${randomBytes(6).toString("hex")}`,
      logger: memoryLogger().logger,
    });
    const waitsBefore = await waits("WEIXIN12315");
    for (let i = 0; i < 3; i++) await budget.take();
    expect(await waits("WEIXIN12315")).toBe(waitsBefore + 1);
  });

  it("a hold refuses every call until the next minute, however large the budget", async () => {
    const budget = new CallBudget({
      source: "MINI_STORE",
      maxWaitMs: 0,
      keyPrefix: `test:budget:${randomBytes(6).toString("hex")}`,
      logger: memoryLogger().logger,
    });
    await budget.take();
    await budget.holdUntilNextMinute();
    const refusal = (await budget.take().catch((error: unknown) => error)) as CallBudgetRefusal;
    expect(refusal).toMatchObject({ reason: "quota-hold" });
    expect(refusal.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

interface Fleet {
  budgetKey: string;
  stack: TestStack;
  replica: { server: OrdersServer; url: string };
  redis: Redis;
}

/** Two instances of the service on a fresh appid (so Redis keys of their own), both configured with `env`. */
function twoInstances(env: Record<string, string>): Fleet {
  const appid = `wxfleet${randomBytes(6).toString("hex")}`;
  const fleet = { budgetKey: `weixin-orders-subgraph:budget:MINI_STORE:${appid}:calls` } as Fleet;
  beforeAll(async () => {
    fleet.redis = new Redis(REDIS_URL!);
    fleet.stack = await startTestStack({ orderCount: 40, wechat: { appid }, env: { REDIS_URL, ...env } });
    fleet.replica = await replicaOf(fleet.stack);
  });
  afterAll(async () => {
    await fleet.replica?.server.close();
    await fleet.stack?.close();
    await fleet.redis?.del(fleet.budgetKey, `weixin-orders-subgraph:wechat-token:${appid}:token`);
    fleet.redis?.disconnect();
  });
  return fleet;
}

describe.skipIf(!REDIS_URL)("two instances share one budget through Redis", () => {
  const BUDGET = 6;
  const fleet = twoInstances({ WECHAT_CALLS_PER_MINUTE: String(BUDGET), UPSTREAM_BUDGET_WAIT_MS: "0" });
  beforeEach(() => fleet.stack.wechat.resetStats());

  it("sends at most WECHAT_CALLS_PER_MINUTE calls from both together; the rest fail UPSTREAM_RATE_LIMITED unsent", async () => {
    const { stack, replica, redis, budgetKey } = fleet;
    const before = await refusals("MINI_STORE", "budget");
    const numbers = stack.wechat.orders().map((o) => String(o.order_id));
    const answers = [];
    // Alternating between the replicas: each alone stays under the budget, together they do not.
    for (const [i, n] of numbers.slice(0, 10).entries()) {
      answers.push(await graphqlAt(i % 2 ? replica.url : stack.url, BY_NUMBER, { n }));
    }
    expect(wechatCallsSent(stack)).toBe(BUDGET); // the token call and 5 lookups
    const served = answers.filter((a) => !a.errors);
    const refused = answers.filter((a) => a.errors);
    expect(served).toHaveLength(BUDGET - 1);
    expect(refused).toHaveLength(10 - (BUDGET - 1));
    for (const answer of refused) {
      expect(answer.errors![0]!.extensions).toMatchObject({
        code: "UPSTREAM_RATE_LIMITED",
        source: "MINI_STORE",
      });
      expect(answer.errors![0]!.message).toContain("budget");
    }
    expect(await refusals("MINI_STORE", "budget")).toBe(before + refused.length);
    expect(Number(await redis.get(budgetKey))).toBeGreaterThanOrEqual(BUDGET);
  });
});

describe.skipIf(!REDIS_URL)("WeChat's per-minute quota (45011) holds every replica", () => {
  // No budget configured: the hold applies anyway. No wait, so the test does not depend on the clock's second.
  const fleet = twoInstances({ UPSTREAM_BUDGET_WAIT_MS: "0" });

  it("one 45011 on one replica stops both sending WeChat calls until the next minute", async () => {
    const { stack, replica, redis, budgetKey } = fleet;
    expect((await graphqlAt(replica.url, ONE_STATUS_PAGE)).errors).toBeUndefined(); // token shared, both warm
    expect((await stack.graphql(ONE_STATUS_PAGE)).errors).toBeUndefined();
    stack.wechat.resetStats();
    stack.wechat.setFaults({ mode: "error", code: 45011, times: 1, endpoints: ["product/order/get_list"] });

    const first = await stack.graphql(ONE_STATUS_PAGE);
    expect(first.errors?.[0]?.extensions).toMatchObject({
      code: "UPSTREAM_RATE_LIMITED",
      source: "MINI_STORE",
    });
    expect(wechatCallsSent(stack)).toBe(1); // the 45011; its retry was held, not sent

    const other = await graphqlAt(replica.url, ONE_STATUS_PAGE);
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: "UPSTREAM_RATE_LIMITED",
      source: "MINI_STORE",
    });
    expect(other.errors?.[0]?.message).toContain("per-minute quota");
    expect(wechatCallsSent(stack)).toBe(1);

    const ttl = await redis.pttl(budgetKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // weixin12315 is not held.
    expect(
      (await stack.graphql("{ weixin12315Orders(first: 1) { nodes { orderNumber } } }")).errors,
    ).toBeUndefined();
  });
});
