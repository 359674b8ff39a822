// Each malformed request gets a clear error with a code, and the server keeps serving afterwards.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 50 });
});
afterAll(() => stack?.close());
afterEach(async () => {
  // Still serving after every bad request.
  const { status, data } = await stack.graphql("{ __typename }");
  expect(status).toBe(200);
  expect(data).toEqual({ __typename: "Query" });
});

interface ErrorBody {
  errors: { message: string; extensions: { code: string } }[];
}

async function send(init: RequestInit & { path?: string }) {
  const response = await fetch(`${stack.url}${init.path ?? "/graphql"}`, init);
  const body = (await response.json()) as ErrorBody & { data?: unknown };
  return { status: response.status, body, codes: body.errors?.map((e) => e.extensions.code) ?? [] };
}

const postJson = (payload: unknown) =>
  send({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });

describe("bad HTTP requests", () => {
  it("malformed JSON body → 400 BAD_REQUEST", async () => {
    const { status, body, codes } = await send({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query": "{ __typename }"',
    });
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_REQUEST"]);
    expect(body.errors[0]!.message).toMatch(/JSON/);
  });

  it("empty JSON body → 400 BAD_REQUEST", async () => {
    const { status, codes } = await send({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "",
    });
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_REQUEST"]);
  });

  it("unsupported content type → 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const { status, body, codes } = await send({
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: "<query>{ __typename }</query>",
    });
    expect(status).toBe(415);
    expect(codes).toEqual(["UNSUPPORTED_MEDIA_TYPE"]);
    expect(body.errors[0]!.message).toBe(
      'Unsupported content type "application/xml": send application/json.',
    );
  });

  it("text/plain (a CSRF-able simple request) → 400 BAD_REQUEST", async () => {
    const { status, codes, body } = await send({
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_REQUEST"]);
    expect(body.errors[0]!.message).toMatch(/Cross-Site Request Forgery/);
  });

  it.each([
    ["a JSON array (batching is off)", [{ query: "{ __typename }" }]],
    ["a JSON string", "{ __typename }"],
    ["no query", { variables: {} }],
    ["a non-string query", { query: 42 }],
    ["non-object variables", { query: "{ __typename }", variables: "x" }],
  ])("%s → 400 BAD_REQUEST", async (_case, payload) => {
    const { status, codes } = await postJson(payload);
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_REQUEST"]);
  });

  it("unknown path → 404 NOT_FOUND", async () => {
    const { status, codes } = await send({ path: "/graphq" });
    expect(status).toBe(404);
    expect(codes).toEqual(["NOT_FOUND"]);
  });
});

describe("GET requests", () => {
  const get = (query: string, headers: Record<string, string> = { "apollo-require-preflight": "true" }) =>
    send({ path: `/graphql?query=${encodeURIComponent(query)}`, headers });

  it("serves a query over GET", async () => {
    const response = await fetch(`${stack.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("GET without a preflight header → 400 BAD_REQUEST (CSRF prevention)", async () => {
    const { status, codes } = await get("{ __typename }", {});
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_REQUEST"]);
  });

  it("GET mutation → 400 GRAPHQL_VALIDATION_FAILED (the subgraph serves queries only)", async () => {
    const { status, codes, body } = await get("mutation { cancelOrder }");
    expect(status).toBe(400);
    expect(codes).toContain("GRAPHQL_VALIDATION_FAILED");
    expect(body.errors.map((e) => e.message)).toContain(
      "This service serves queries only; a mutation cannot be executed.",
    );
  });
});

describe("bad GraphQL", () => {
  it("syntax error → 400 GRAPHQL_PARSE_FAILED", async () => {
    const { status, codes } = await postJson({ query: "{ orderByNumber(" });
    expect(status).toBe(400);
    expect(codes).toEqual(["GRAPHQL_PARSE_FAILED"]);
  });

  it("unknown field → 400 GRAPHQL_VALIDATION_FAILED naming the field", async () => {
    const { status, codes, body } = await postJson({ query: "{ ordersByMood { id } }" });
    expect(status).toBe(400);
    expect(codes).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(body.errors[0]!.message).toContain('"ordersByMood"');
  });

  it.each([
    ["a number for a String!", { n: 123, s: "MINI_STORE" }],
    ["an unknown enum value", { n: "123", s: "TAOBAO" }],
    ["null for a non-null variable", { n: null, s: "MINI_STORE" }],
    ["a missing variable", { s: "MINI_STORE" }],
  ])("wrong variable types: %s → 400 BAD_USER_INPUT", async (_case, variables) => {
    const { status, codes, body } = await postJson({
      query:
        "query($n: String!, $s: OrderSource!) { orderByNumber(source: $s, orderNumber: $n) { __typename } }",
      variables,
    });
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_USER_INPUT"]);
    expect(body.errors[0]!.message).toMatch(/^Variable "\$[ns]"/);
  });

  it("a literal of the wrong type → 400 GRAPHQL_VALIDATION_FAILED", async () => {
    const { status, codes } = await postJson({
      query: "{ orderByNumber(source: MINI_STORE, orderNumber: 5) { __typename } }",
    });
    expect(status).toBe(400);
    expect(codes).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("an invalid DateTime in a variable → 400 BAD_USER_INPUT", async () => {
    const { status, codes, body } = await postJson({
      query: "query($after: DateTime) { orders(filter: { createdAfter: $after }) { totalCount } }",
      variables: { after: "yesterday at noon" },
    });
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_USER_INPUT"]);
    expect(body.errors[0]!.message).toMatch(/^Variable "\$after" got invalid value "yesterday at noon"/);
  });

  it.each(["2024-02-30T10:00:00+08:00", "2024-03-01 10:00:00", "2024-03-01T10:00:00"])(
    "an invalid DateTime literal (%s) → 400 GRAPHQL_VALIDATION_FAILED",
    async (text) => {
      const { status, codes } = await postJson({
        query: `{ orders(filter: { createdBefore: "${text}" }) { totalCount } }`,
      });
      expect(status).toBe(400);
      expect(codes).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    },
  );

  it.each([
    ["orders", "query($s: String) { orders(filter: { orderNumber: $s }) { totalCount } }"],
    [
      "weixin12315Orders",
      "query($s: String) { weixin12315Orders(filter: { orderNumber: $s }) { totalCount } }",
    ],
    [
      "orderByNumber",
      "query($s: String!) { orderByNumber(source: WEIXIN12315, orderNumber: $s) { __typename } }",
    ],
  ])(
    "a 10,000-character string in %s → 400 BAD_USER_INPUT before any upstream call",
    async (_field, query) => {
      stack.wechat.resetStats();
      stack.weixin12315.resetStats();
      const { status, codes, body } = await postJson({ query, variables: { s: "x".repeat(10_000) } });
      expect(status).toBe(400);
      expect(codes).toEqual(["BAD_USER_INPUT"]);
      expect(body.errors[0]!.message).toBe("Input too long: $s exceeds 4096 characters.");
      expect(stack.wechat.stats().total + stack.weixin12315.stats().total).toBe(0);
    },
  );

  it("a 10,000-character string literal in a filter → 400 BAD_USER_INPUT", async () => {
    const { status, codes } = await postJson({
      query: `{ orders(filter: { orderNumber: "${"7".repeat(10_000)}" }) { totalCount } }`,
    });
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_USER_INPUT"]);
  });

  it("first: 101 → BAD_USER_INPUT from the connection, not a cost rejection", async () => {
    const { codes } = await postJson({ query: "{ orders(first: 101) { totalCount } }" });
    expect(codes).toEqual(["BAD_USER_INPUT"]);
  });

  it("a fragment cycle → 400 GRAPHQL_VALIDATION_FAILED", async () => {
    const { status, codes } = await postJson({
      query: "query { ...A } fragment A on Query { ...B } fragment B on Query { __typename ...A }",
    });
    expect(status).toBe(400);
    expect(codes.every((c) => c === "GRAPHQL_VALIDATION_FAILED")).toBe(true);
  });

  it("a long chain of nested named fragments is handled (and answered)", async () => {
    const depth = 300;
    const fragments = Array.from({ length: depth }, (_, i) =>
      i + 1 < depth ? `fragment F${i} on Query { ...F${i + 1} }` : `fragment F${i} on Query { __typename }`,
    );
    const { status, body } = await postJson({ query: `query Chain { ...F0 } ${fragments.join(" ")}` });
    expect(status).toBe(200);
    expect(body.data).toEqual({ __typename: "Query" });
  });

  it.each([
    ["inline fragments", (d: number) => `{ ${"... on Query { ".repeat(d)}__typename${" }".repeat(d)} }`],
    ["fields", (d: number) => `{ ${"a { ".repeat(d)}b${" }".repeat(d)} }`],
    [
      "input lists",
      (d: number) =>
        `{ orderByNumber(source: MINI_STORE, orderNumber: ${"[".repeat(d)}"1"${"]".repeat(d)}) { __typename } }`,
    ],
  ])("thousands of nested %s → 400 GRAPHQL_PARSE_FAILED before parsing", async (_case, build) => {
    const { status, codes, body } = await postJson({ query: build(3_000) });
    expect(status).toBe(400);
    expect(codes).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(body.errors[0]!.message).toBe("Query is nested too deeply: more than 56 levels of brackets.");
  });

  it("a pile of too many tokens → 400 GRAPHQL_PARSE_FAILED", async () => {
    const { status, codes, body } = await postJson({ query: `{ ${"__typename ".repeat(12_000)}}` });
    expect(status).toBe(400);
    expect(codes).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(body.errors[0]!.message).toMatch(/more tha[nt] 10000 tokens/);
  });

  it("nested fields within the bracket limit but past the depth limit → 400 GRAPHQL_VALIDATION_FAILED", async () => {
    const depth = 40;
    const { status, codes } = await postJson({ query: `{ ${"a { ".repeat(depth)}b${" }".repeat(depth)} }` });
    expect(status).toBe(400);
    expect(codes.every((c) => c === "GRAPHQL_VALIDATION_FAILED")).toBe(true);
  });
});
