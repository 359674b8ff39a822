// Prometheus metrics over real HTTP: after a known mix of requests (including a rate-limited call,
// retried 502s and a breaker that opens), every orders_upstream_requests_total series matches what the
// simulators counted on their side (/__sim/stats).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parsePrometheusText, type PromSample } from "../support/prometheus-text.js";
import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;
let metricsUrl: string;

beforeAll(async () => {
  stack = await startTestStack({ env: { METRICS_PORT: "0" } });
  metricsUrl = stack.server.metricsUrl()!;
});
afterAll(() => stack?.close());

async function scrape(): Promise<PromSample[]> {
  const response = await fetch(`${metricsUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  return parsePrometheusText(await response.text());
}

async function simCalls(url: string): Promise<Record<string, number>> {
  const stats = (await (await fetch(`${url}/__sim/stats`)).json()) as { calls: Record<string, number> };
  return stats.calls;
}

const series = (samples: PromSample[], name: string) => samples.filter((s) => s.name === name);

/** Our upstream counter summed over outcomes, per endpoint of one source. */
function countedPerEndpoint(samples: PromSample[], source: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of series(samples, "orders_upstream_requests_total")) {
    if (s.labels.source !== source) continue;
    out[s.labels.endpoint!] = (out[s.labels.endpoint!] ?? 0) + s.value;
  }
  return out;
}

const outcome = (samples: PromSample[], labels: Record<string, string>) =>
  series(samples, "orders_upstream_requests_total").find((s) =>
    Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value ?? 0;

describe("metrics endpoint", () => {
  it("serves /metrics on METRICS_PORT only, never on the GraphQL port", async () => {
    expect(new URL(metricsUrl).port).not.toBe(new URL(stack.url).port);
    expect((await fetch(`${stack.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
  });

  it("has no metrics listener when METRICS_PORT is unset", async () => {
    const plain = await startTestStack({ orderCount: 10 });
    try {
      expect(plain.config.metricsPort).toBeUndefined();
      expect(plain.server.metricsUrl()).toBeUndefined();
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("after a known mix of requests", () => {
  let samples: PromSample[];
  const okAnswers = 3;

  beforeAll(async () => {
    const wechatId = String(stack.wechat.orders()[0]!.order_id);
    // 1 token + 12 WeChat list calls + 1 weixin12315 list call.
    expect((await stack.graphql(`{ orders(first: 5) { totalCount } }`)).errors).toBeUndefined();
    // 1 WeChat order/get.
    const lookup = `{ orderByNumber(source: MINI_STORE, orderNumber: "${wechatId}") { __typename } }`;
    expect((await stack.graphql(lookup)).errors).toBeUndefined();
    // One list call answered with WeChat's daily quota error (not retried).
    stack.wechat.setFaults({ mode: "error", code: 45009, times: 1 });
    const limited = await stack.graphql(
      `{ miniStoreOrders(first: 5, filter: { statuses: [PENDING_SHIPMENT] }) { totalCount } }`,
    );
    expect(limited.errors?.[0]?.extensions?.code).toBe("UPSTREAM_RATE_LIMITED");
    // Two 502s then a success: three requests for one call.
    stack.weixin12315.setFaults({ mode: "http502", times: 2 });
    expect((await stack.graphql(`{ weixin12315Orders(first: 5) { totalCount } }`)).errors).toBeUndefined();
    // 502 from now on: the breaker opens once its window holds 20 attempts, more than half failed: 2 ok
    // + 2 failed so far, so 5 operations of 3 failing attempts and the 6th operation's first attempt.
    stack.weixin12315.setFaults({ mode: "http502" });
    for (let i = 0; i < 6; i++) {
      const failed = await stack.graphql(`{ weixin12315Orders(first: 5) { totalCount } }`);
      expect(failed.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    }
    stack.weixin12315.setFaults({});
    samples = await scrape();
  });

  it("counts exactly the requests each simulator received, per endpoint", async () => {
    const wechat = await simCalls(stack.wechat.url);
    const weixin12315 = await simCalls(stack.weixin12315.url);
    expect(countedPerEndpoint(samples, "MINI_STORE")).toEqual(wechat);
    expect(countedPerEndpoint(samples, "WEIXIN12315")).toEqual(weixin12315);
    expect(wechat).toEqual({
      "cgi-bin/stable_token": 1,
      "product/order/get_list": 13,
      "product/order/get": 1,
    });
    expect(weixin12315).toEqual({ "md.shop.order.list": 1 + 3 + 5 * 3 + 1 });
  });

  it("labels each request with its outcome: ok or the contract error code", () => {
    const list = { source: "MINI_STORE", endpoint: "product/order/get_list" };
    expect(outcome(samples, { ...list, outcome: "ok" })).toBe(12);
    expect(outcome(samples, { ...list, outcome: "UPSTREAM_RATE_LIMITED" })).toBe(1);
    const mall = { source: "WEIXIN12315", endpoint: "md.shop.order.list" };
    expect(outcome(samples, { ...mall, outcome: "ok" })).toBe(2);
    expect(outcome(samples, { ...mall, outcome: "UPSTREAM_UNAVAILABLE" })).toBe(2 + 16);
    const labelSets = series(samples, "orders_upstream_requests_total").map((s) =>
      Object.keys(s.labels).sort(),
    );
    expect(new Set(labelSets.map((keys) => keys.join()))).toEqual(new Set(["endpoint,outcome,source"]));
  });

  it("times every request in the duration histogram", () => {
    const counts = series(samples, "orders_upstream_request_duration_seconds_count");
    const total = counts.reduce((sum, s) => sum + s.value, 0);
    const requests = series(samples, "orders_upstream_requests_total").reduce((sum, s) => sum + s.value, 0);
    expect(total).toBe(requests);
  });

  it("reports the token refresh, the open breaker and the GraphQL outcomes", () => {
    const one = (name: string, labels: Record<string, string> = {}) =>
      series(samples, name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(one("orders_token_refreshes_total", { outcome: "ok" })).toBe(1);
    expect(one("orders_circuit_state", { source: "MINI_STORE" })).toBe(0);
    expect(one("orders_circuit_state", { source: "WEIXIN12315" })).toBe(2);
    expect(one("orders_graphql_requests_total", { outcome: "ok" })).toBe(okAnswers);
    expect(one("orders_graphql_requests_total", { outcome: "UPSTREAM_RATE_LIMITED" })).toBe(1);
    expect(one("orders_graphql_requests_total", { outcome: "UPSTREAM_UNAVAILABLE" })).toBe(6);
    expect(one("orders_graphql_request_duration_seconds_count", { result: "ok" })).toBe(okAnswers);
    expect(one("orders_admission_queue_depth")).toBe(0);
    expect(one("orders_admission_rejections_total")).toBe(0);
    expect(one("process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(one("nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
  });
});
