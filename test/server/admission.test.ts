import { request } from "node:http";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { loadConfig } from "../../src/server/config.js";
import { startTestStack, type TestStack } from "../support/stack.js";

const LATENCY_MS = 300;

let stack: TestStack;
let orderIds: string[];

beforeAll(async () => {
  stack = await startTestStack({ env: { MAX_CONCURRENT_OPERATIONS: "2", MAX_QUEUED_OPERATIONS: "2" } });
  orderIds = stack.wechat
    .orders()
    .slice(0, 6)
    .map((order) => String(order.order_id));
  // Warm the access token, so every operation below makes exactly one upstream call.
  await lookup(orderIds[0]!);
});
afterAll(() => stack?.close());
beforeEach(() => {
  stack.wechat.setFaults({ latencyMs: LATENCY_MS });
  stack.wechat.resetStats();
});

const lookupBody = (id: string) =>
  JSON.stringify({
    query: `query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { __typename } }`,
    variables: { n: id },
  });

function lookup(id: string) {
  return fetch(`${stack.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: lookupBody(id),
  });
}

/** Sends a lookup on its own connection and closes the socket after `afterMs`, without waiting for an answer. */
function lookupAndHangUp(id: string, afterMs: number): Promise<string> {
  const body = lookupBody(id);
  const req = request(`${stack.url}/graphql`, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  const outcome = new Promise<string>((resolve) => {
    req.on("response", (res) => resolve(`answered ${res.statusCode}`));
    req.on("error", (error) => resolve(error.message));
  });
  req.end(body);
  setTimeout(() => req.destroy(), afterMs);
  return outcome;
}

const orderCalls = () => stack.wechat.stats().calls["product/order/get"] ?? 0;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("operation admission (MAX_CONCURRENT_OPERATIONS=2, MAX_QUEUED_OPERATIONS=2)", () => {
  it("runs two operations at once, queues two, and refuses the fifth with 503 SERVICE_OVERLOADED", async () => {
    const started = performance.now();
    const responses = await Promise.all(orderIds.slice(0, 5).map((id) => lookup(id)));
    const elapsed = performance.now() - started;

    const refused = responses.filter((r) => r.status === 503);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.headers.get("retry-after")).toBe("1");
    expect(refused[0]!.headers.get("content-type")).toContain("application/json");
    const body = (await refused[0]!.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe("SERVICE_OVERLOADED");
    expect(body.errors[0]!.message).toContain("2 operations in progress and 2 waiting");

    const served = responses.filter((r) => r.status === 200);
    expect(served).toHaveLength(4);
    for (const response of served) {
      const json = (await response.json()) as {
        data: { orderByNumber: { __typename: string } };
        errors?: unknown;
      };
      expect(json.errors).toBeUndefined();
      expect(json.data.orderByNumber.__typename).toBe("MiniStoreOrder");
    }
    // Never more than two upstream calls at once (the source's own bulkhead allows 8), and the
    // queued pair ran after the first pair: two rounds of the simulator's latency.
    expect(stack.wechat.stats().maxInFlight).toBeLessThanOrEqual(2);
    expect(orderCalls()).toBe(4);
    expect(elapsed).toBeGreaterThanOrEqual(2 * LATENCY_MS);
    const refusal = stack.logs().find((line) => line.msg === "graphql operation" && line.status === 503);
    expect(refusal).toMatchObject({ errorCodes: ["SERVICE_OVERLOADED"], upstreamCalls: 0 });
  });

  it("drops a queued operation whose caller disconnected: it never reaches the upstream", async () => {
    const first = [lookup(orderIds[0]!), lookup(orderIds[1]!)];
    // Both slots taken (their calls are at the slow upstream), so the next operation has to wait.
    await until(() => orderCalls() === 2);
    expect(await lookupAndHangUp(orderIds[2]!, LATENCY_MS / 3)).toBe("socket hang up");
    const statuses = (await Promise.all(first)).map((r) => r.status);
    expect(statuses).toEqual([200, 200]);
    // When the queue reaches the cancelled operation it is logged as 499 instead of running; had it
    // run, its upstream call would show first.
    const operationStatuses = () =>
      stack
        .logs()
        .filter((line) => line.msg === "graphql operation")
        .map((line) => line.status);
    await until(() => operationStatuses().includes(499) || orderCalls() > 2);
    expect(orderCalls()).toBe(2);
    expect(operationStatuses()).toContain(499);
  });
});

describe("admission settings", () => {
  it("default to 16 operations at once and 1000 waiting, and reject nonsense", () => {
    expect(loadConfig({}).admission).toEqual({ concurrent: 16, queued: 1000, deadlineMs: 10_000 });
    expect(() => loadConfig({ MAX_CONCURRENT_OPERATIONS: "0" })).toThrow(/MAX_CONCURRENT_OPERATIONS/);
    expect(() => loadConfig({ MAX_QUEUED_OPERATIONS: "many" })).toThrow(/MAX_QUEUED_OPERATIONS/);
  });

  it("UPSTREAM_QUEUE_LIMIT sets the per-source wait queue", () => {
    expect(loadConfig({ UPSTREAM_QUEUE_LIMIT: "5000" }).upstream.queueLimit).toBe(5000);
  });
});
