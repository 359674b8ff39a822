import { parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildOrdersSubgraphSchema } from "../../src/resolvers/orders-subgraph.js";
import { sandboxExample } from "../../src/server/sandbox-example.js";
import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 20 });
});
afterAll(() => stack?.close());

describe("Apollo Sandbox (development and demo mode)", () => {
  it("serves the embedded Sandbox with the example operation and the PII header pre-filled", async () => {
    const response = await fetch(`${stack.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("EmbeddedSandbox");
    expect(html).toContain("query RecentOrders");
    expect(html).toContain('"x-orders-scopes":"orders:pii"');
  });

  it("opens with an operation that is valid against the schema", async () => {
    expect(validate(await buildOrdersSubgraphSchema(), parse(sandboxExample))).toEqual([]);
  });

  it("allows Apollo Studio's origin by CORS, and no other by default", async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/graphql`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,x-orders-scopes",
        },
      });
    const studio = await preflight("https://studio.apollographql.com");
    expect(studio.status).toBe(204);
    expect(studio.headers.get("access-control-allow-origin")).toBe("https://studio.apollographql.com");
    expect(studio.headers.get("access-control-allow-headers")).toBe("content-type,x-orders-scopes");
    const other = await preflight("https://evil.example.com");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers introspection (Sandbox needs it)", async () => {
    const { data } = await stack.graphql<{ __schema: { queryType: { name: string } } }>(
      "{ __schema { queryType { name } } }",
    );
    expect(data!.__schema.queryType.name).toBe("Query");
  });
});
