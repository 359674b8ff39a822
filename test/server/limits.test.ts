import { buildSchema, parse } from "graphql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { operationCost } from "../../src/server/limits/cost-limits.js";
import { nestingDepthOf } from "../../src/server/limits/nesting-guard.js";
import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;
let wechatId: string;

beforeAll(async () => {
  stack = await startTestStack({
    env: {
      MAX_QUERY_DEPTH: "4",
      MAX_QUERY_COST: "30",
      MAX_ALIASES: "5",
      MAX_BODY_BYTES: "4096",
      MAX_STRING_LENGTH: "64",
    },
  });
  wechatId = String(stack.wechat.orders()[0]!.order_id);
});
afterAll(() => stack?.close());
beforeEach(() => {
  stack.wechat.resetStats();
  stack.weixin12315.resetStats();
});

const upstreamCalls = () => stack.wechat.stats().total + stack.weixin12315.stats().total;

/** Sends the operation and checks it was refused with `code` before any upstream call. */
async function expectRejected(query: string, code: string, variables?: Record<string, unknown>) {
  const response = await stack.graphql(query, variables);
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(upstreamCalls()).toBe(0);
  return response.errors![0]!;
}

describe("operation limits over HTTP", () => {
  it("accepts an operation within every limit (and it does reach the upstream)", async () => {
    const response = await stack.graphql(
      `query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on MiniStoreOrder { deliveryInfo { addressInfo { provinceName } } } } }`,
      { n: wechatId },
    );
    expect(response.errors).toBeUndefined();
    expect(upstreamCalls()).toBeGreaterThan(0);
  });

  it("rejects a query deeper than MAX_QUERY_DEPTH, fragments included", async () => {
    const error = await expectRejected(
      `query Deep($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { ...Order } }
       fragment Order on MiniStoreOrder { deliveryInfo { shipments { deliveryAddress { userName } } } }`,
      "GRAPHQL_VALIDATION_FAILED",
      { n: wechatId },
    );
    expect(error.message).toBe("Query is too deep: 5 levels of nested fields; the maximum is 4.");
    expect(error.extensions).toMatchObject({ limit: "maxDepth", maximum: 4, actual: 5 });
  });

  it("rejects more aliases than MAX_ALIASES, counting each fragment use", async () => {
    const error = await expectRejected(
      `query Aliased($n: String!) {
         a: orderByNumber(source: MINI_STORE, orderNumber: $n) { ...F }
         b: orderByNumber(source: MINI_STORE, orderNumber: $n) { ...F }
       }
       fragment F on MiniStoreOrder { x: orderId y: status }`,
      "GRAPHQL_VALIDATION_FAILED",
      { n: wechatId },
    );
    expect(error.message).toBe("Query uses too many aliases: 6; the maximum is 5.");
  });

  it("rejects an operation whose estimated cost exceeds MAX_QUERY_COST", async () => {
    const fields =
      "id orderId orderNumber status sourceStatus createdAt updatedAt paidAt buyerOpenid buyerNote merchantNote";
    const error = await expectRejected(
      `query Costly($n: String!) {
         a: orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on MiniStoreOrder { ${fields} } }
         b: orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on MiniStoreOrder { ${fields} } }
         c: orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on MiniStoreOrder { ${fields} totalAmount { amount currency minorUnits } } }
       }`,
      "QUERY_TOO_COMPLEX",
      { n: wechatId },
    );
    expect(error.message).toMatch(/^Query is too expensive: estimated cost \d+; the maximum is 30\./);
    expect(error.extensions).toMatchObject({ maximumCost: 30 });
  });

  it("scales a connection's cost with first/last", async () => {
    // 1 + first × (nodes + id + orderId): first 5 costs 16, first 10 costs 31 (> 30).
    const page = "query($n: Int) { miniStoreOrders(first: $n) { nodes { id orderId } } }";
    const small = await stack.graphql(page, { n: 5 });
    expect(small.errors).toBeUndefined();
    stack.wechat.resetStats();
    const error = await expectRejected(page, "QUERY_TOO_COMPLEX", { n: 10 });
    expect(error.extensions).toMatchObject({ cost: 31, maximumCost: 30 });
    // The cost is memoised per document and variables shape: asking again decides the same way.
    expect((await stack.graphql(page, { n: 5 })).errors).toBeUndefined();
    stack.wechat.resetStats();
    const again = await expectRejected(page, "QUERY_TOO_COMPLEX", { n: 10 });
    expect(again.extensions).toMatchObject({ cost: 31, maximumCost: 30 });
    const backwards = await expectRejected(
      "{ miniStoreOrders(last: 10) { nodes { id orderId } } }",
      "QUERY_TOO_COMPLEX",
    );
    expect(backwards.extensions).toMatchObject({ cost: 31 });
  });

  it("rejects strings longer than MAX_STRING_LENGTH in variables and literals", async () => {
    const long = "9".repeat(65);
    const viaVariable = await expectRejected(
      `query($n: String!) { orderByNumber(source: WEIXIN12315, orderNumber: $n) { __typename } }`,
      "BAD_USER_INPUT",
      { n: long },
    );
    expect(viaVariable.message).toBe("Input too long: $n exceeds 64 characters.");
    const viaLiteral = await expectRejected(
      `{ orderByNumber(source: WEIXIN12315, orderNumber: "${long}") { __typename } }`,
      "BAD_USER_INPUT",
    );
    expect(viaLiteral.message).toBe("Input too long: a string literal exceeds 64 characters.");
  });

  it("rejects a body over MAX_BODY_BYTES with 413 and a GraphQL error", async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding: "x".repeat(5000) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: "Request body is too large", extensions: { code: "PAYLOAD_TOO_LARGE" } }],
    });
    expect(upstreamCalls()).toBe(0);
  });
});

describe("operationCost", () => {
  const schema = buildSchema(`
    type Item { a: String b: String }
    type ItemConnection { nodes: [Item!]! totalCount: Int! }
    type Query { items(first: Int, last: Int): ItemConnection! item: Item unmarked(first: Int): ItemConnection! }
  `);
  // What @PagedConnection() sets on a field; only marked fields are paged, whatever their type's name.
  Object.assign(schema.getQueryType()!.getFields().items!.extensions, { pagedConnection: true });
  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    operationCost({ schema, query: parse(query), variables });

  it("scales a connection's selection with first/last (default 20, at most 100)", () => {
    expect(cost(`{ item { a b } }`)).toBe(3);
    expect(cost(`{ items(first: 10) { nodes { a b } } }`)).toBe(1 + 10 * 3);
    expect(cost(`query($n: Int) { items(last: $n) { nodes { a } } }`, { n: 5 })).toBe(1 + 5 * 2);
    expect(cost(`{ items { nodes { a } } }`)).toBe(1 + 20 * 2);
    expect(cost(`{ items(first: 100000) { nodes { a } } }`)).toBe(1 + 100 * 2);
  });

  it("finds connections by their mark, not by a type name ending in Connection", () => {
    expect(cost(`{ unmarked(first: 10) { nodes { a } } }`)).toBe(3);
  });
});

describe("nestingDepthOf", () => {
  it.each([
    ["{ a }", 1],
    ["{ a(x: [1, [2]]) { b { c } } }", 4],
    ['{ a(s: "{{{[[[(((") }', 2],
    ['{ a(s: "esc \\" {{{") }', 2],
    ['{ a(s: """ {{{ " }}} """) }', 2],
    ["# {{{{{{\n{ a }", 1],
    ["{ a { b { c { d } } } }", 4],
  ])("%s → %i", (source, depth) => expect(nestingDepthOf(source)).toBe(depth));
});
