import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;
let orderNumber: string;

beforeAll(async () => {
  stack = await startTestStack();
  orderNumber = String(stack.wechat.orders()[0]!.order_id);
});
afterAll(() => stack?.close());

const BY_NUMBER = `query OrderByNumber($n: String!) {
  orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on OrderCommon { orderNumber status } }
}`;

describe("health and readiness", () => {
  it("GET /health answers 200 while the process is alive", async () => {
    const response = await fetch(`${stack.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("GET /ready reports every check as JSON", async () => {
    // Proven by this probe, or by a call of an earlier test within the proof window.
    const PROOF = expect.stringMatching(/^(probe|recent-call)$/);
    const response = await fetch(`${stack.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: {
        config: { ok: true, mode: "upstream" },
        MINI_STORE: { ok: true, configured: true, breaker: "closed", proof: PROOF },
        WEIXIN12315: { ok: true, configured: true, breaker: "closed", proof: PROOF },
      },
    });
  });
});

describe("request ids", () => {
  it("echoes the caller's x-request-id and logs the operation under it", async () => {
    const response = await stack.graphql(BY_NUMBER, { n: orderNumber }, { "x-request-id": "trace-42.a:b" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("trace-42.a:b");
    const line = stack.logs().find((l) => l.requestId === "trace-42.a:b" && l.msg === "graphql operation");
    expect(line).toMatchObject({ operationName: "OrderByNumber", status: 200, errorCodes: [] });
    expect(line!.upstreamCalls).toBeGreaterThanOrEqual(1);
    expect(typeof line!.durationMs).toBe("number");
  });

  it("generates an id when none (or an unsafe one) is sent", async () => {
    const plain = await fetch(`${stack.url}/health`);
    expect(plain.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await fetch(`${stack.url}/health`, { headers: { "x-request-id": "a b\tc" } });
    expect(unsafe.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs one line per operation with its error codes", async () => {
    await stack.graphql(`query Broken { nope }`, undefined, { "x-request-id": "broken-1" });
    const lines = stack.logs().filter((l) => l.requestId === "broken-1" && l.msg === "graphql operation");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      operationName: "Broken",
      status: 400,
      errorCodes: ["GRAPHQL_VALIDATION_FAILED"],
      upstreamCalls: 0,
    });
  });
});

describe("federation", () => {
  it("serves _service { sdl } with the federation link", async () => {
    const { data } = await stack.graphql<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    expect(data!._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/');
  });

  it("returns an ftv1 trace when the router asks for one", async () => {
    const { extensions } = await stack.graphql(
      BY_NUMBER,
      { n: orderNumber },
      { "apollo-federation-include-trace": "ftv1" },
    );
    expect(typeof extensions?.ftv1).toBe("string");
    const plain = await stack.graphql(BY_NUMBER, { n: orderNumber });
    expect(plain.extensions?.ftv1).toBeUndefined();
  });
});
