import { Writable } from "node:stream";

import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createOrdersServer, type OrdersServer } from "../../src/server/app.js";
import { createLogger } from "../../src/server/logger.js";
import { startTestStack, TEST_CREDENTIALS, type TestStack } from "../support/stack.js";

const CURSOR_SECRET = "production-cursor-secret-abcdefghijklmnop";
const ROUTER_SECRET = "production-router-secret-0123";
let stack: TestStack;
let wechatId: string;

beforeAll(async () => {
  stack = await startTestStack({
    env: { NODE_ENV: "production", CURSOR_SECRET, ROUTER_SECRET, LOG_LEVEL: "debug" },
  });
  wechatId = String(stack.wechat.orders()[0]!.order_id);
});
afterAll(() => stack?.close());

/** Every credential the run involved, including the access tokens the WeChat simulator issued. */
function knownSecrets(): string[] {
  const issuedTokens = Object.keys(stack.wechat.stats().callsByCredential).filter(
    (c) => c !== TEST_CREDENTIALS.wechatAppid,
  );
  return [
    TEST_CREDENTIALS.wechatSecret,
    TEST_CREDENTIALS.wx12315AppSecret,
    CURSOR_SECRET,
    ROUTER_SECRET,
    ...issuedTokens,
  ];
}

const BY_NUMBER = `query Lookup($n: String!) {
  orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on OrderCommon { orderNumber } }
}`;

describe("production error responses", () => {
  it("serves a normal lookup (so tokens were issued and upstream calls logged at debug level)", async () => {
    const { status, data, errors } = await stack.graphql(BY_NUMBER, { n: wechatId });
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ orderByNumber: { orderNumber: wechatId } });
  });

  it("maps an upstream failure to the contract's code, source and upstreamCode, without a stack trace", async () => {
    stack.wechat.setFaults({ mode: "error", code: 45009 });
    try {
      const { status, data, errors } = await stack.graphql(BY_NUMBER, { n: wechatId });
      expect(status).toBe(200);
      expect(data).toEqual({ orderByNumber: null });
      expect(errors).toHaveLength(1);
      expect(errors![0]).toMatchObject({
        path: ["orderByNumber"],
        extensions: { code: "UPSTREAM_RATE_LIMITED", source: "MINI_STORE", upstreamCode: "45009" },
      });
      expect(Object.keys(errors![0]!.extensions!).sort()).toEqual(["code", "source", "upstreamCode"]);
    } finally {
      stack.wechat.setFaults({});
    }
  });

  it("keeps client-error codes and hides schema details (introspection off, no suggestions)", async () => {
    const introspection = await stack.graphql(`{ __schema { queryType { name } } }`);
    expect(introspection.status).toBe(400);
    expect(introspection.errors![0]!.extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(introspection.errors![0]!.message).toBe(
      "Introspection (__schema, __type) is disabled on this deployment; set INTROSPECTION=on to allow it.",
    );
    const typo = await stack.graphql(`{ orderByNumbr(source: MINI_STORE, orderNumber: "1") { __typename } }`);
    expect(typo.errors![0]!.message).toBe('Cannot query field "orderByNumbr" on type "Query".');
    for (const error of [...introspection.errors!, ...typo.errors!])
      expect(error.extensions).not.toHaveProperty("stacktrace");
  });

  it("serves no landing page", async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      headers: { accept: "text/html", "router-authorization": ROUTER_SECRET },
    });
    expect(await response.text()).not.toContain("<html");
  });

  it("writes no secret, token or stack trace to the logs", async () => {
    // Its own traffic: a lookup (token issued, upstream call logged at debug) and an upstream failure.
    expect((await stack.graphql(BY_NUMBER, { n: wechatId })).errors).toBeUndefined();
    stack.wechat.setFaults({ mode: "error", code: 45009 });
    try {
      expect((await stack.graphql(BY_NUMBER, { n: wechatId })).errors).toHaveLength(1);
    } finally {
      stack.wechat.setFaults({});
    }
    const text = stack.logLines.join("\n");
    expect(stack.logLines.length).toBeGreaterThan(0);
    for (const secret of knownSecrets()) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"stack"|\n\s+at /);
  });
});

describe("unexpected errors in production", () => {
  const leaked = "s3cr3t-db-password-in-message";
  let server: OrdersServer;
  let url: string;
  const lines: string[] = [];

  beforeAll(async () => {
    // A schema whose resolvers fail the way bugs do: plain errors with internal details in the message.
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: "Query",
        fields: {
          boom: {
            type: GraphQLString,
            resolve: () => {
              throw new TypeError(`cannot read properties of undefined (connecting with ${leaked})`);
            },
          },
          fine: { type: GraphQLString, resolve: () => "ok" },
        },
      }),
    });
    const config = { ...stack.config, port: 0, routerSecret: undefined };
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    server = await createOrdersServer(config, { schema, sources: {}, logger: createLogger(config, capture) });
    url = await server.listen();
  });
  afterAll(() => server?.close());

  it("answers INTERNAL_SERVER_ERROR with a generic message and keeps the rest of the data", async () => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ boom fine }" }),
    });
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      data: { boom: null, fine: "ok" },
      errors: [
        {
          message: "Internal server error",
          locations: [{ line: 1, column: 3 }],
          path: ["boom"],
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        },
      ],
    });
    expect(text).not.toContain(leaked);
    expect(text).not.toContain("TypeError");
  });

  it("logs the error for operators, without a stack trace", async () => {
    await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ boom }" }),
    });
    const entry = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === "unexpected error in operation");
    expect(entry).toMatchObject({ level: 50, path: ["boom"], err: { type: "TypeError" } });
    expect(JSON.stringify(entry)).not.toContain("stack");
  });
});
