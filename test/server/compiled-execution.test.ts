// A document in repeated use runs compiled (graphql-jit) instead of through graphql-js: every answer
// must stay what graphql-js gave the first time, field for field, masking, nulls and errors included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;
/** Runs on graphql-js before graphql-jit takes over (set here: CI also runs the suite compiled from the first run). */
const JIT_FROM_RUN = 10;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 60, env: { GRAPHQL_JIT_FROM_RUN: String(JIT_FROM_RUN) } });
});
afterAll(() => stack?.close());

type Answer = Awaited<ReturnType<TestStack["graphql"]>>;

/** The answers of a document sent past the point where it is compiled, first (graphql-js) and last (compiled). */
async function firstAndCompiled(
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<[Answer, Answer]> {
  const answers: Answer[] = [];
  for (let run = 0; run < JIT_FROM_RUN; run += 1) {
    answers.push(await stack.graphql(query, variables, headers));
  }
  const { headers: _first, ...first } = answers[0]!;
  const { headers: _last, ...last } = answers.at(-1)!;
  return [first as Answer, last as Answer];
}

// No cursors: they carry the instant their window was pinned, which differs from one request to the next.
const LIST = `query Compiled($first: Int) {
  miniStoreOrders(first: $first) {
    totalCount
    pageInfo { hasNextPage }
    edges {
      node {
        __typename id orderId status createdAt buyerOpenid
        totalAmount { amount currency minorUnits }
        products { __typename ... on ProductInfoCommon { productId title quantity unitPrice { amount } } }
        deliveryInfo { __typename ... on DeliveryInfoCommon { recipientName phone addressLine postalCode } }
        payInfo { __typename ... on PayInfoCommon { method paidAt } }
      }
    }
  }
}`;

describe("compiled execution", () => {
  it("answers a list exactly as graphql-js did, masked without the scope and clear with it", async () => {
    const [masked, maskedCompiled] = await firstAndCompiled(LIST, { first: 15 });
    expect(masked.errors).toBeUndefined();
    expect(maskedCompiled).toEqual(masked);
    const [clear, clearCompiled] = await firstAndCompiled(LIST, { first: 15 }, stack.piiHeaders);
    expect(clearCompiled).toEqual(clear);
    expect(JSON.stringify(clear.data)).not.toEqual(JSON.stringify(masked.data));
  });

  it("keeps failed list items as null with graphql-js's errors (codes, paths, locations)", async () => {
    const [w1] = stack.wechat.orders().map((o) => o.order_id.toString());
    const query = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { __typename ... on MiniStoreOrder { orderId } }
    }`;
    const representations = [
      { __typename: "MiniStoreOrder", orderId: w1 },
      { __typename: "MiniStoreOrder", orderId: 42 },
      { __typename: "Weixin12315Order" },
    ];
    const [first, compiled] = await firstAndCompiled(query, { representations });
    expect(first.data).toEqual({ _entities: [{ __typename: "MiniStoreOrder", orderId: w1 }, null, null] });
    expect(first.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT"]);
    expect(compiled).toEqual(first);
  });

  it("refuses bad variables and unknown operation names as graphql-js does (400)", async () => {
    for (let run = 0; run < JIT_FROM_RUN; run += 1) await stack.graphql(LIST, { first: 1 });
    const badVariable = await stack.graphql(LIST, { first: "many" });
    expect(badVariable.status).toBe(400);
    expect(badVariable.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    const unknownOperation = await fetch(`${stack.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: LIST, operationName: "Other", variables: { first: 1 } }),
    });
    expect(unknownOperation.status).toBe(400);
  });
});
