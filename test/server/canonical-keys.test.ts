// One canonical spelling per order key: "0" and leading zeros name no WeChat order. They are answered
// null (or BAD_USER_INPUT where an id must be one we issued) without asking WeChat, which would
// refuse "0" as a bad parameter and read "078596878913" as order 78596878913.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { encodeOrderNodeId } from "../../src/schema/node-id.js";
import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;
let orderId: string;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 30 });
  orderId = String(stack.wechat.orders()[0]!.order_id);
  await stack.graphql(`{ orderByNumber(source: MINI_STORE, orderNumber: "${orderId}") { __typename } }`);
  stack.wechat.resetStats();
});
afterAll(() => stack?.close());

const orderGetCalls = () => stack.wechat.stats().calls["product/order/get"] ?? 0;
const byNumber = `query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on OrderCommon { orderNumber } } }`;

describe("non-canonical WeChat order keys", () => {
  it('orderByNumber: "0" and a leading zero are null, the canonical number finds its order', async () => {
    for (const n of ["0", "00", `0${orderId}`]) {
      const { status, data, errors } = await stack.graphql(byNumber, { n });
      expect({ n, status, data, errors }).toEqual({
        n,
        status: 200,
        data: { orderByNumber: null },
        errors: undefined,
      });
    }
    expect(orderGetCalls()).toBe(0);
    const found = await stack.graphql(byNumber, { n: orderId });
    expect(found.data).toEqual({ orderByNumber: { orderNumber: orderId } });
    expect(orderGetCalls()).toBe(1);
  });

  it('an orders filter on "0" or a leading zero finds nothing and fails nothing', async () => {
    stack.wechat.resetStats();
    for (const orderNumber of ["0", `0${orderId}`]) {
      const { data, errors } = await stack.graphql(
        `query($f: OrderFilter) { orders(filter: $f) { totalCount nodes { ... on OrderCommon { orderNumber } } } }`,
        { f: { orderNumber } },
      );
      expect({ orderNumber, data, errors }).toEqual({
        orderNumber,
        data: { orders: { totalCount: 0, nodes: [] } },
        errors: undefined,
      });
    }
    expect(orderGetCalls()).toBe(0);
  });

  it("_entities answers null for a non-canonical key, never another order", async () => {
    stack.wechat.resetStats();
    const { data, errors } = await stack.graphql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on MiniStoreOrder { orderId } } }`,
      {
        r: [
          { __typename: "MiniStoreOrder", orderId: `0${orderId}` },
          { __typename: "MiniStoreOrder", orderId: "0" },
          { __typename: "MiniStoreOrder", orderId },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ _entities: [null, null, { orderId }] });
    expect(orderGetCalls()).toBe(1);
  });

  it("node(id) of a non-canonical key is null; order(id) says it is not an id we issued", async () => {
    stack.wechat.resetStats();
    const id = encodeOrderNodeId("MINI_STORE", `0${orderId}`);
    const node = await stack.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(node).toMatchObject({ status: 200, data: { node: null } });
    expect(node.errors).toBeUndefined();
    const order = await stack.graphql(`query($id: ID!) { order(id: $id) { __typename } }`, { id });
    expect(order.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(orderGetCalls()).toBe(0);
  });
});
