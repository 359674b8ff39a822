// Deadline-aware admission under slow upstreams: with 2 s per WeChat call and 300 `orders` requests
// at once, every request either succeeds or is refused with 503 SERVICE_OVERLOADED + Retry-After
// within a second (never left waiting to fail), the successes are at least what the upstream
// concurrency allows within the operation budget, and /health and /ready answer beside the load.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";

const LATENCY_MS = 2_000;
const DEADLINE_MS = 10_000;
const UPSTREAM_CONCURRENCY = 8;
const BURST = 300;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    orderCount: 60,
    env: {
      OPERATION_DEADLINE_MS: String(DEADLINE_MS),
      UPSTREAM_CONCURRENCY: String(UPSTREAM_CONCURRENCY),
      MAX_CONCURRENT_OPERATIONS: "16",
    },
  });
});
afterAll(() => stack?.close());

// One WeChat list call per operation: one status family of one source, no totalCount. Each request's
// window ends a second before the previous one's: identical reads in flight at once are made once, and
// this test is about each operation's own calls.
const ORDERS = `query($f: OrderFilter) { orders(filter: $f, first: 5) { nodes { ... on OrderCommon { id } } } }`;
const windowsEnd = Date.now() - 60_000;
let requests = 0;

interface Outcome {
  status: number;
  ms: number;
  codes: string[];
  retryAfter: string | null;
}

async function ordersRequest(): Promise<Outcome> {
  const started = performance.now();
  const response = await fetch(`${stack.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: ORDERS,
      variables: {
        f: {
          sources: ["MINI_STORE"],
          statuses: ["COMPLETED"],
          createdBefore: new Date(windowsEnd - 1_000 * requests++).toISOString(),
        },
      },
    }),
  });
  const ms = performance.now() - started;
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    ms,
    codes: (body.errors ?? []).map((e) => String(e.extensions?.code)),
    retryAfter: response.headers.get("retry-after"),
  };
}

async function timed(path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${stack.url}${path}`);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe("deadline-aware admission", () => {
  it(`${BURST} concurrent orders requests at ${LATENCY_MS} ms per upstream call: success or a quick 503`, async () => {
    await ordersRequest(); // token and connections warm
    stack.wechat.resetStats();
    stack.wechat.setFaults({ latencyMs: LATENCY_MS });
    try {
      // The service learns how long an operation takes under this load.
      const warmUp = await Promise.all(Array.from({ length: 16 }, ordersRequest));
      expect(warmUp.every((o) => o.status === 200 && o.codes.length === 0)).toBe(true);
      const callsPerOperation = (stack.wechat.stats().calls["product/order/get_list"] ?? 0) / warmUp.length;
      expect(callsPerOperation).toBe(1);

      const burst = Promise.all(Array.from({ length: BURST }, ordersRequest));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = await timed("/health");
      const ready = await timed("/ready");
      const outcomes = await burst;

      const succeeded = outcomes.filter((o) => o.status === 200 && o.codes.length === 0);
      const refused = outcomes.filter((o) => o.status === 503);
      const other = outcomes.filter((o) => !succeeded.includes(o) && !refused.includes(o));
      const capacity = Math.floor(DEADLINE_MS / LATENCY_MS) * (UPSTREAM_CONCURRENCY / callsPerOperation);
      // Refusal time as the server measured it (its operation log line): the test's own fetch calls
      // share this process and CPU, so client-side times say more about the test than the service.
      const refusalMs = stack
        .logs()
        .filter((line) => line.msg === "graphql operation" && line.status === 503)
        .map((line) => Number(line.durationMs));
      expect(refusalMs).toHaveLength(refused.length);
      const slowestRefusal = Math.max(0, ...refusalMs);
      console.info(
        `burst of ${BURST}: ${succeeded.length} succeeded (upstream capacity in the budget ${capacity}), ` +
          `${refused.length} refused with 503 (slowest refusal ${Math.round(slowestRefusal)} ms in the server, ${Math.round(Math.max(0, ...refused.map((o) => o.ms)))} ms at the client), ${other.length} other; ` +
          `/health ${health.status} in ${Math.round(health.ms)} ms, /ready ${ready.status} in ${Math.round(ready.ms)} ms`,
      );
      expect(other).toEqual([]);
      expect(succeeded.length + refused.length).toBe(BURST);
      for (const refusal of refused) {
        expect(refusal.codes).toEqual(["SERVICE_OVERLOADED"]);
        expect(Number(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
      }
      expect(slowestRefusal).toBeLessThan(1_000);
      expect(Math.max(0, ...refused.map((o) => o.ms))).toBeLessThan(5_000); // generous: shared CPU
      expect(succeeded.length).toBeGreaterThanOrEqual(capacity);
      expect(health.status).toBe(200);
      expect(ready.status).toBe(200);
      expect(ready.ms).toBeLessThan(LATENCY_MS);
    } finally {
      stack.wechat.setFaults({});
    }
  }, 60_000);
});
