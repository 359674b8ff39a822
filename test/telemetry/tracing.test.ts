// OpenTelemetry over real HTTP: the service exports http/json OTLP to a receiver on loopback. A request
// carrying a W3C traceparent continues that trace, with one CLIENT span per upstream request actually
// sent (retries included), even when operations and upstream calls wait in queues; every log line of
// the request carries the trace id; no exported span nor /metrics holds a secret, token, signature or
// buyer personal data. Then the same with http/protobuf.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTracing, type Tracing } from "../../src/telemetry/index.js";
import { startOtlpReceiver, type ExportedSpan, type OtlpReceiver } from "../support/otlp-receiver.js";
import { startTestStack, TEST_CREDENTIALS, type TestStack } from "../support/stack.js";

const SERVER = 2;
const CLIENT = 3;
const OTEL_ENV = {
  OTEL_EXPORTER_OTLP_ENDPOINT: "",
  OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
  OTEL_SERVICE_NAME: "orders-subgraph-under-test",
};

/** Every attribute key a span of ours may carry. */
const SPAN_ATTRIBUTES = [
  "error.type",
  "graphql.operation.name",
  "graphql.operation.type",
  "http.request.method",
  "http.request.resend_count",
  "http.response.status_code",
  "http.route",
  "orders.admission.outcome",
  "orders.outcome",
  "orders.source",
  "orders.token.mode",
  "orders.upstream.attempt",
  "orders.upstream.endpoint",
];

let receiver: OtlpReceiver;
let tracing: Tracing | undefined;
let stack: TestStack;
const savedEnv: Record<string, string | undefined> = {};

function setOtelEnv(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) {
    if (!(key in savedEnv)) savedEnv[key] = process.env[key];
    process.env[key] = value;
  }
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  setOtelEnv({ ...OTEL_ENV, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  tracing = await startTracing();
  stack = await startTestStack({
    env: {
      METRICS_PORT: "0",
      LOG_LEVEL: "debug",
      // Small enough that the concurrency test below queues both operations and upstream calls.
      MAX_CONCURRENT_OPERATIONS: "2",
      UPSTREAM_CONCURRENCY: "1",
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await tracing?.shutdown();
  await receiver?.close();
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const traceparent = (traceId: string, parentId: string) => `00-${traceId}-${parentId}-01`;

async function exported(traceId: string): Promise<ExportedSpan[]> {
  await tracing!.flush();
  return receiver.spans().filter((span) => span.traceId === traceId);
}

function resetSimulatorStats() {
  stack.wechat.resetStats();
  stack.weixin12315.resetStats();
}
const upstreamRequestsSeen = () => stack.wechat.stats().total + stack.weixin12315.stats().total;

/** The span's ancestors within `spans`, nearest first. */
function ancestors(span: ExportedSpan, spans: ExportedSpan[]): ExportedSpan[] {
  const chain: ExportedSpan[] = [];
  for (let p = spans.find((s) => s.spanId === span.parentSpanId); p;) {
    chain.push(p);
    const parentId = p.parentSpanId;
    p = spans.find((s) => s.spanId === parentId);
  }
  return chain;
}

describe("a request with a traceparent", () => {
  const traceId = hex(16);
  const parentId = hex(8);
  let spans: ExportedSpan[];
  let requestId: string;

  beforeAll(async () => {
    resetSimulatorStats();
    const answer = await stack.graphql(`query RecentOrders { orders(first: 5) { totalCount } }`, undefined, {
      traceparent: traceparent(traceId, parentId),
    });
    expect(answer.errors).toBeUndefined();
    requestId = answer.headers.get("x-request-id")!;
    spans = await exported(traceId);
  });

  it("continues the caller's trace with one server span named after the operation", () => {
    const servers = spans.filter((s) => s.kind === SERVER);
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({
      parentSpanId: parentId,
      name: "query RecentOrders",
      attributes: {
        "graphql.operation.type": "query",
        "graphql.operation.name": "RecentOrders",
        "http.response.status_code": 200,
        "orders.outcome": "ok",
      },
      resource: { "service.name": "orders-subgraph-under-test" },
    });
  });

  it("has one client span per upstream request, under the server span", () => {
    const clients = spans.filter((s) => s.kind === CLIENT);
    // 1 token request, 12 WeChat list calls (one per status), 1 weixin12315 list call.
    expect(upstreamRequestsSeen()).toBe(14);
    expect(clients).toHaveLength(upstreamRequestsSeen());
    const server = spans.find((s) => s.kind === SERVER)!;
    for (const client of clients) expect(ancestors(client, spans)).toContainEqual(server);
    const byEndpoint = (endpoint: string) =>
      clients.filter((s) => s.attributes["orders.upstream.endpoint"] === endpoint);
    expect(byEndpoint("product/order/get_list")).toHaveLength(12);
    expect(byEndpoint("md.shop.order.list")[0]!.attributes).toEqual({
      "orders.source": "WEIXIN12315",
      "orders.upstream.endpoint": "md.shop.order.list",
      "orders.upstream.attempt": 1,
      "http.request.method": "POST",
      "orders.outcome": "ok",
    });
  });

  it("puts the token request under a token refresh span", () => {
    const refresh = spans.find((s) => s.name === "wechat access token refresh")!;
    expect(refresh.attributes).toMatchObject({ "orders.token.mode": "stable", "orders.outcome": "ok" });
    const token = spans.find((s) => s.attributes["orders.upstream.endpoint"] === "cgi-bin/stable_token")!;
    expect(token.parentSpanId).toBe(refresh.spanId);
  });

  it("writes the trace id on every log line of the request", () => {
    const lines = stack.logs().filter((line) => line.traceId === traceId);
    expect(lines.find((line) => line.msg === "graphql operation")).toMatchObject({ requestId });
    // LOG_LEVEL=debug: one line per upstream call, each within the trace.
    expect(lines.filter((line) => line.msg === "upstream call")).toHaveLength(14);
    const ofRequest = stack.logs().filter((line) => line.requestId === requestId);
    expect(ofRequest.length).toBeGreaterThan(0);
    for (const line of ofRequest) expect(line.traceId).toBe(traceId);
  });
});

describe("a retried upstream call", () => {
  it("shows as one client span per attempt, numbered, the failed one with its code", async () => {
    const traceId = hex(16);
    stack.weixin12315.setFaults({ mode: "http502", times: 1 });
    const answer = await stack.graphql(`{ weixin12315Orders(first: 3) { totalCount } }`, undefined, {
      traceparent: traceparent(traceId, hex(8)),
    });
    stack.weixin12315.setFaults({});
    expect(answer.errors).toBeUndefined();
    const clients = (await exported(traceId)).filter((s) => s.kind === CLIENT);
    expect(
      clients.map((s) => [s.attributes["orders.upstream.attempt"], s.attributes["orders.outcome"]]),
    ).toEqual([
      [1, "UPSTREAM_UNAVAILABLE"],
      [2, "ok"],
    ]);
    expect(clients[0]!.status).toMatchObject({ code: 2, message: "UPSTREAM_UNAVAILABLE" });
    expect(clients[1]!.attributes["http.request.resend_count"]).toBe(1);
  });
});

describe("operations and upstream calls that wait in queues", () => {
  it("keep their spans, log lines and call counts in their own trace", async () => {
    resetSimulatorStats();
    // Long enough that all four requests arrive while the first two still execute, even on a busy machine.
    stack.wechat.setFaults({ latencyMs: 500 });
    const numbers = stack.wechat
      .orders()
      .slice(0, 4)
      .map((order) => String(order.order_id));
    const traces = numbers.map(() => hex(16));
    // 4 operations: 2 execute (their calls share one upstream slot), 2 wait for admission.
    const answers = await Promise.all(
      numbers.map((n, i) =>
        stack.graphql(
          `query Lookup($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { __typename } }`,
          { n },
          { traceparent: traceparent(traces[i]!, hex(8)) },
        ),
      ),
    );
    stack.wechat.setFaults({});
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(stack.wechat.stats().calls["product/order/get"]).toBe(4);

    let waits = 0;
    for (const traceId of traces) {
      const spans = await exported(traceId);
      const clients = spans.filter((s) => s.kind === CLIENT);
      expect(clients.map((s) => s.attributes["orders.upstream.endpoint"])).toEqual(["product/order/get"]);
      waits += spans.filter((s) => s.name === "graphql admission wait").length;
      const line = stack.logs().find((l) => l.msg === "graphql operation" && l.traceId === traceId);
      expect(line).toMatchObject({ upstreamCalls: 1 });
    }
    // At least one operation waited for admission (normally two), so a queued one was checked above.
    expect(waits).toBeGreaterThanOrEqual(1);
  });
});

describe("what leaves the process", () => {
  it("holds no secret, token, signature or buyer personal data in any span or in /metrics", async () => {
    // A request that reads buyer data in clear, so there is some to leak.
    const order = stack.wechat.orders().find((o) => o.order_detail.delivery_info.address_info?.user_name)!;
    const address = order.order_detail.delivery_info.address_info!;
    const answer = await stack.graphql(
      `query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) {
        ... on MiniStoreOrder { buyerOpenid deliveryInfo { recipientName phone addressLine } } } }`,
      { n: String(order.order_id) },
      { ...stack.piiHeaders, traceparent: traceparent(hex(16), hex(8)) },
    );
    expect(JSON.stringify(answer.data)).toContain(address.tel_number);
    await tracing!.flush();

    const issuedTokens = Object.keys(stack.wechat.stats().callsByCredential).filter(
      (c) => c !== TEST_CREDENTIALS.wechatAppid,
    );
    expect(issuedTokens.length).toBeGreaterThan(0);
    const forbidden = [
      TEST_CREDENTIALS.wechatSecret,
      TEST_CREDENTIALS.wx12315AppSecret,
      ...issuedTokens,
      order.openid,
      address.user_name,
      address.tel_number,
      address.detail_info,
    ].filter((v): v is string => typeof v === "string" && v.length > 0);

    const metrics = await (await fetch(`${stack.server.metricsUrl()}/metrics`)).text();
    const exportedText = receiver.exports.map((e) => e.body.toString("utf8")).join("\n");
    expect(receiver.spans().length).toBeGreaterThan(30);
    for (const text of [exportedText, metrics]) {
      for (const value of forbidden) expect(text).not.toContain(value);
      expect(text).not.toMatch(/access_token|appsecret|[?&]sign=/i);
    }
    // Attributes are the only free-form part of a span: only the ones we chose (no URL, header, query
    // or body), none holding an opaque run like a token or an MD5 signature (ids are fields of their own).
    const keys = new Set(receiver.spans().flatMap((span) => Object.keys(span.attributes)));
    expect([...keys].sort()).toEqual([...SPAN_ATTRIBUTES].sort());
    for (const span of receiver.spans()) {
      for (const value of Object.values({ ...span.attributes, ...span.resource })) {
        expect(String(value)).not.toMatch(/[A-Za-z0-9_\-+/=]{32,}/);
      }
    }
  });
});

describe("http/protobuf (the default protocol)", () => {
  it("exports the same spans as protobuf", async () => {
    await tracing!.shutdown();
    setOtelEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" });
    tracing = await startTracing();
    expect(tracing?.protocol).toBe("http/protobuf");
    const traceId = hex(16);
    const before = receiver.exports.length;
    const answer = await stack.graphql(`{ weixin12315Orders(first: 1) { totalCount } }`, undefined, {
      traceparent: traceparent(traceId, hex(8)),
    });
    expect(answer.errors).toBeUndefined();
    await tracing!.flush();
    const protobuf = receiver.exports.slice(before);
    expect(protobuf.map((e) => e.contentType)).toEqual(["application/x-protobuf"]);
    // Trace ids travel as 16 raw bytes in the protobuf encoding.
    expect(protobuf[0]!.body.includes(Buffer.from(traceId, "hex"))).toBe(true);
  });
});
