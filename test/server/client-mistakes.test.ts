// Every client mistake gets a client code (never INTERNAL_SERVER_ERROR, never a 5xx) and is logged
// below error level: unusual documents, entity representations, persisted queries, deep variables,
// and a seeded fuzz of malformed requests.
import { createHash } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 30 });
});
afterAll(() => stack?.close());

interface Answer {
  status: number;
  codes: string[];
}

async function post(body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${stack.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  let codes: string[] = [];
  try {
    const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    codes = (parsed.errors ?? []).map((e) => String(e.extensions?.code));
  } catch {
    codes = [`unparsable body: ${text.slice(0, 80)}`];
  }
  return { status: response.status, codes };
}

const postJson = (payload: unknown) => post(JSON.stringify(payload));

/** Log lines at error level (pino level 50 and above) written since `from`. */
const errorLogsSince = (from: number) =>
  stack.logLines.slice(from).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("client mistakes get client codes", () => {
  const cases: [string, unknown, string][] = [
    ["a mutation", { query: "mutation { __typename }" }, "GRAPHQL_VALIDATION_FAILED"],
    ["a subscription", { query: "subscription { __typename }" }, "GRAPHQL_VALIDATION_FAILED"],
    [
      "_entities with an unknown __typename",
      {
        query: "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
        variables: { r: [{ __typename: "NoSuchType", id: "x" }] },
      },
      "BAD_USER_INPUT",
    ],
    [
      "_entities without __typename",
      {
        query: "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
        variables: { r: [{ orderId: "1" }] },
      },
      "BAD_USER_INPUT",
    ],
    [
      "a persisted query with a hash that does not match",
      {
        query: "{ __typename }",
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256("something else") } },
      },
      "BAD_REQUEST",
    ],
    [
      "a persisted query of an unsupported version",
      {
        query: "{ __typename }",
        extensions: { persistedQuery: { version: 2, sha256Hash: sha256("{ __typename }") } },
      },
      "BAD_REQUEST",
    ],
    [
      "a persisted query not yet registered",
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256("{ nope }") } } },
      "PERSISTED_QUERY_NOT_FOUND",
    ],
  ];
  it.each(cases)("%s → %s, not logged as an error", async (_name, payload, code) => {
    const from = stack.logLines.length;
    const { status, codes } = await postJson(payload);
    expect(status).toBeLessThan(500);
    expect(codes).toContain(code);
    expect(codes).not.toContain("INTERNAL_SERVER_ERROR");
    expect(errorLogsSince(from)).toEqual([]);
  });
});

/** `{"a":{"a":…"x"…}}`, `depth` objects deep. */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}`;

describe("input depth cannot overflow the stack", () => {
  it("an unused variable nested 8,000 levels → 4xx with a client code", async () => {
    const from = stack.logLines.length;
    const body = `{"query":"{ __typename }","variables":{"deep":${nestedObject(8_000)}}}`;
    const { status, codes } = await post(body);
    expect(status).toBe(400);
    expect(codes).toEqual(["BAD_USER_INPUT"]);
    expect(errorLogsSince(from)).toEqual([]);
  });
});

/** mulberry32: a small seeded generator, so the fuzz sends the same requests on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const ODD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  2 ** 53 + 1,
  "",
  " ",
  "0",
  "078596878913",
  "-5",
  "abc",
  "💥",
  "\u0000",
  "x".repeat(5000),
  true,
  [],
  [null],
  {},
  { __typename: 1 },
  [[[[]]]],
  "T".repeat(3) + "2026-13-45",
  "2026-02-30T00:00:00+08:00",
];
const ODD_QUERIES = [
  "{",
  "}",
  "query",
  "{ orders(first: ) { totalCount } }",
  "{ orders(first: -1) { totalCount } }",
  "{ orders(first: 1, last: 1) { totalCount } }",
  "{ orders(first: 101) { totalCount } }",
  '{ orders(after: "forged") { totalCount } }',
  '{ order(id: "") { __typename } }',
  '{ node(id: "not-base64!") { __typename } }',
  "{ nope }",
  "{ orders { nope } }",
  "{ orders(filter: { statuses: [NOPE] }) { totalCount } }",
  '{ orders(filter: { createdAfter: "yesterday" }) { totalCount } }',
  "mutation { x }",
  "subscription { orders }",
  "query A { __typename } query A { __typename }",
  "query A { __typename } query B { __typename }",
  "fragment F on Query { ...F } { ...F }",
  "{ __typename @skip }",
  "{ __typename @nope }",
  '{ _entities(representations: [{ __typename: "MiniStoreOrder" }]) { __typename } }',
  '{ _entities(representations: ["x"]) { __typename } }',
  "{ _service { nope } }",
  "query($x: Nope) { __typename }",
  "query($x: Int!) { orders(first: $x) { totalCount } }",
  "#only a comment",
  '"""block"""',
];
const ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }";

/** One malformed request body (text), drawn from kinds of mistakes a client or an attacker makes. */
function malformedBody(random: ReturnType<typeof seeded>): {
  body: string;
  headers?: Record<string, string>;
} {
  const { pick, next } = random;
  switch (Math.floor(next() * 9)) {
    case 0:
      return {
        body: pick([
          '{"query":',
          "[]",
          "null",
          "1",
          '"x"',
          "{}",
          '{"query":1}',
          '{"query":"{ __typename }","variables":[]}',
          "\u00ff\u00fe",
        ]),
      };
    case 1:
      return { body: JSON.stringify({ query: pick(ODD_QUERIES) }) };
    case 2:
      return {
        body: JSON.stringify({
          query: ENTITIES,
          variables: {
            r: [
              pick(ODD_VALUES),
              {
                __typename: pick(["MiniStoreOrder", "Weixin12315Order", "Money", "Query", "_Entity", ""]),
                id: pick(ODD_VALUES),
                orderId: pick(ODD_VALUES),
                orderNumber: pick(ODD_VALUES),
              },
            ],
          },
        }),
      };
    case 3:
      return {
        body: JSON.stringify({
          query: "query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { __typename } }",
          variables: { n: pick(ODD_VALUES) },
        }),
      };
    case 4:
      return {
        body: JSON.stringify({
          query:
            "query($f: OrderFilter, $a: String) { orders(filter: $f, first: 1, after: $a) { totalCount } }",
          variables: {
            f: { statuses: pick(ODD_VALUES), createdAfter: pick(ODD_VALUES), orderNumber: pick(ODD_VALUES) },
            a: pick(ODD_VALUES),
          },
        }),
      };
    case 5:
      return {
        body: JSON.stringify({
          query: pick(["{ __typename }", undefined]),
          extensions: {
            persistedQuery: {
              version: pick([0, 1, 2, "1", null]),
              sha256Hash: pick([sha256("{ __typename }"), sha256("x"), "", 5, "zz"]),
            },
          },
        }),
      };
    case 6:
      return {
        body: JSON.stringify({
          query: "{ __typename }",
          operationName: pick(ODD_VALUES),
          variables: pick(ODD_VALUES),
        }),
      };
    case 7:
      return {
        body: `{"query":"{ __typename }","variables":{"v":${nestedObject(Math.floor(next() * 10_000))}}}`,
      };
    default:
      return {
        body: JSON.stringify({ query: "{ __typename }" }),
        headers: { "content-type": pick(["text/plain", "application/xml", "multipart/form-data", ""]) },
      };
  }
}

describe("fuzz: malformed requests", () => {
  it("230 seeded malformed requests: no 5xx, no INTERNAL_SERVER_ERROR, nothing logged as an error", async () => {
    const random = seeded(17);
    const from = stack.logLines.length;
    const answers: (Answer & { body: string })[] = [];
    for (let i = 0; i < 230; i++) {
      const { body, headers } = malformedBody(random);
      answers.push({ ...(await post(body, headers)), body: body.slice(0, 200) });
    }
    const bad = answers.filter(
      (a) =>
        a.status >= 500 || a.codes.some((c) => c === "INTERNAL_SERVER_ERROR" || c.startsWith("unparsable")),
    );
    expect(bad).toEqual([]);
    expect(answers.filter((a) => a.status >= 400).length).toBeGreaterThan(150);
    expect(errorLogsSince(from)).toEqual([]);
  });
});
