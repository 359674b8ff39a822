import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routerSecretMatches } from "../../src/server/router-auth.js";
import { startTestStack, type TestStack } from "../support/stack.js";

const ROUTER_SECRET = "router-shared-secret-0123456789";
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ env: { ROUTER_SECRET } });
});
afterAll(() => stack?.close());

const post = (headers: Record<string, string>) =>
  fetch(`${stack.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ __typename }" }),
  });

describe("router-only access (ROUTER_SECRET set)", () => {
  it.each([
    ["no header", {}],
    ["a wrong secret", { "router-authorization": "router-shared-secret-0123456780" }],
    ["a secret of another length", { "router-authorization": "x" }],
    ["the secret as a bearer token", { "router-authorization": `Bearer ${ROUTER_SECRET}` }],
  ])("answers 401 UNAUTHENTICATED with %s", async (_case, headers) => {
    const response = await post(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(body)).not.toContain(ROUTER_SECRET);
  });

  it("answers 200 with the right Router-Authorization header", async () => {
    const response = await post({ "Router-Authorization": ROUTER_SECRET });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("keeps /health and /ready open", async () => {
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    expect((await fetch(`${stack.url}/ready`)).status).toBe(200);
  });

  it("never logs the secret", async () => {
    const logged = stack.logLines.length;
    expect((await post({ "router-authorization": ROUTER_SECRET })).status).toBe(200);
    expect((await post({ "router-authorization": `Bearer ${ROUTER_SECRET}` })).status).toBe(401);
    const lines = stack.logLines.slice(logged);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(ROUTER_SECRET);
  });
});

describe("routerSecretMatches", () => {
  it("compares whole values only", () => {
    expect(routerSecretMatches("abc", "abc")).toBe(true);
    expect(routerSecretMatches("abcd", "abc")).toBe(false);
    expect(routerSecretMatches("", "abc")).toBe(false);
    expect(routerSecretMatches(undefined, "abc")).toBe(false);
    expect(routerSecretMatches(["abc"], "abc")).toBe(false);
  });
});
