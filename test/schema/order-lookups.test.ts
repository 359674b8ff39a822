// order(id), orderByNumber and node(id), and federation's _entities, through the real upstream clients
// and request-scoped loaders against both simulators on loopback.
import { execute, parse, type ExecutionResult, type GraphQLSchema } from "graphql";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  closeUpstreamSources,
  createUpstreamSources,
  type UpstreamSources,
} from "../../src/datasources/index.js";
import { createOrderLoaders } from "../../src/datasources/loaders.js";
import type { OrdersContext } from "../../src/orders/context.js";
import { buildOrdersSubgraphSchema } from "../../src/resolvers/orders-subgraph.js";
import { encodeOrderNodeId } from "../../src/schema/node-id.js";
import { startWechatSimulator, type WechatSimulator } from "../../src/simulators/wechat/index.js";
import {
  startWeixin12315Simulator,
  type Weixin12315Simulator,
} from "../../src/simulators/weixin12315/index.js";
import { chinaIsoText } from "../support/china-text.js";

const WECHAT = { appid: "wxlookup0000000001", secret: "lookup-wechat-secret-0b1c2d3e4f" };
const WX12315 = { appId: "lookup12315", appSecret: "lookup-12315-secret-9a8b7c6d5e" };

const ORDER_FIELDS = `
  __typename
  ... on OrderCommon { id source orderId orderNumber status sourceStatus createdAt totalAmount { amount minorUnits } }
`;

describe("order lookups against the simulators", () => {
  let wechat: WechatSimulator;
  let mall: Weixin12315Simulator;
  let sources: UpstreamSources;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    [wechat, mall, schema] = await Promise.all([
      startWechatSimulator({ ...WECHAT, seed: 5, orderCount: 60 }),
      startWeixin12315Simulator({ ...WX12315, seed: 5, orderCount: 60 }),
      buildOrdersSubgraphSchema(),
    ]);
    sources = createUpstreamSources({
      logger: pino({ level: "silent" }),
      miniStore: { baseUrl: wechat.url, credentials: { mode: "stable", ...WECHAT } },
      weixin12315: { baseUrl: mall.url, ...WX12315 },
    });
    await sources.miniStore!.checkReady(); // the token is cached: the tests count order calls only
  });
  beforeEach(() => {
    wechat.resetStats();
    mall.resetStats();
  });
  afterAll(async () => {
    await closeUpstreamSources(sources);
    await Promise.all([wechat.close(), mall.close()]);
  });

  /** One GraphQL operation with fresh request-scoped loaders, as the server runs it. */
  async function run(query: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult> {
    const contextValue: OrdersContext = {
      loaders: createOrderLoaders(sources),
      requestId: "lookup-test",
      canSeePersonalData: true,
    };
    return execute({ schema, document: parse(query), variableValues: variables, contextValue });
  }

  /** A seeded WeChat order whose id is 19 digits (far above 2^53). */
  const wechatOrder = () => wechat.orders().find((order) => String(order.order_id).length === 19)!;
  const mallOrder = () => mall.orders()[0]!;

  it("finds a WeChat order by its number, with its 19-digit id exact", async () => {
    const wire = wechatOrder();
    const orderId = String(wire.order_id);
    expect(BigInt(orderId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    const result = await run(
      `query ($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { ${ORDER_FIELDS} } }`,
      { n: orderId },
    );
    expect(result).toEqual({
      data: {
        orderByNumber: {
          __typename: "MiniStoreOrder",
          id: encodeOrderNodeId("MINI_STORE", orderId),
          source: "MINI_STORE",
          orderId,
          orderNumber: orderId,
          status: expect.any(String),
          sourceStatus: String(wire.status),
          createdAt: chinaIsoText(wire.create_time),
          totalAmount: expect.objectContaining({
            minorUnits: Number(wire.order_detail.price_info.order_price),
          }),
        },
      },
    });
    expect(calls(wechat)).toEqual({ "product/order/get": 1 });
  });

  it("finds a weixin12315 order by id and refetches it as a node", async () => {
    const wire = mallOrder();
    const id = encodeOrderNodeId("WEIXIN12315", wire.ordernumber);
    const result = await run(
      `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } node(id: $id) { __typename id } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.order).toMatchObject({
      __typename: "Weixin12315Order",
      id,
      orderId: String(wire.orderid),
      orderNumber: wire.ordernumber,
      sourceStatus: wire.orderstatus,
      createdAt: chinaIsoText(wire.ordertime),
      totalAmount: { amount: String(wire.payprice) },
    });
    expect(result.data?.node).toEqual({ __typename: "Weixin12315Order", id });
    // order and node asked for the same order: one upstream search.
    expect(calls(mall)).toEqual({ "md.shop.order.list": 1 });
  });

  it("returns null for unknown orders", async () => {
    const result = await run(`{
      wechat: orderByNumber(source: MINI_STORE, orderNumber: "1234567890123456789") { __typename }
      mall: orderByNumber(source: WEIXIN12315, orderNumber: "fw0000000000000000") { __typename }
      byId: order(id: "${encodeOrderNodeId("MINI_STORE", "1")}") { __typename }
      node(id: "${encodeOrderNodeId("WEIXIN12315", "nope")}") { __typename }
    }`);
    expect(result).toEqual({ data: { wechat: null, mall: null, byId: null, node: null } });
  });

  it("answers node(id) with null for an id this service did not issue, without an upstream call", async () => {
    const result = await run(`{
      garbage: node(id: "not an id!") { __typename }
      otherType: node(id: "${Buffer.from("Recipe:1").toString("base64url")}") { __typename }
      wechatNotDigits: node(id: "${Buffer.from("MiniStoreOrder:abc").toString("base64url")}") { __typename }
    }`);
    expect(result).toEqual({ data: { garbage: null, otherType: null, wechatNotDigits: null } });
    expect(calls(wechat)).toEqual({});
    expect(calls(mall)).toEqual({});
  });

  it.each([
    ["an id that is not base64url", `order(id: "not an id!")`],
    ["an id of an unknown type", `order(id: "${Buffer.from("Recipe:1").toString("base64url")}")`],
    [
      "a WeChat id that is not digits",
      `order(id: "${Buffer.from("MiniStoreOrder:abc").toString("base64url")}")`,
    ],
    // Same bytes as encodeOrderNodeId("MINI_STORE", "12") = "…MTI": only the canonical spelling is an id.
    ["a non-canonical encoding", `order(id: "TWluaVN0b3JlT3JkZXI6MTJ")`],
    ["a WeChat order number that is not digits", `orderByNumber(source: MINI_STORE, orderNumber: "fw123")`],
    [
      "a WeChat order number above uint64",
      `orderByNumber(source: MINI_STORE, orderNumber: "18446744073709551616")`,
    ],
    ["an empty order number", `orderByNumber(source: WEIXIN12315, orderNumber: " ")`],
  ])("rejects %s with BAD_USER_INPUT", async (_case, field) => {
    const result = await run(`{ lookup: ${field} { __typename } }`);
    expect(result.data).toEqual({ lookup: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(result.errors![0]!.message).toMatch(/order/i);
    expect(calls(wechat)).toEqual({});
    expect(calls(mall)).toEqual({});
  });

  it("resolves entity references by either key, one upstream call per distinct order", async () => {
    const [a, b] = wechat.orders().map((order) => String(order.order_id));
    const n = mallOrder().ordernumber;
    const result = await run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on OrderCommon { orderNumber } } }`,
      {
        r: [
          { __typename: "MiniStoreOrder", orderId: a },
          { __typename: "MiniStoreOrder", id: encodeOrderNodeId("MINI_STORE", a!) },
          { __typename: "MiniStoreOrder", orderId: b },
          { __typename: "Weixin12315Order", orderNumber: n },
          { __typename: "Weixin12315Order", id: encodeOrderNodeId("WEIXIN12315", n) },
          { __typename: "MiniStoreOrder", orderId: "1234567890123456789" },
          { __typename: "MiniStoreOrder", id: encodeOrderNodeId("WEIXIN12315", n) },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { __typename: "MiniStoreOrder", orderNumber: a },
      { __typename: "MiniStoreOrder", orderNumber: a },
      { __typename: "MiniStoreOrder", orderNumber: b },
      { __typename: "Weixin12315Order", orderNumber: n },
      { __typename: "Weixin12315Order", orderNumber: n },
      null,
      null,
    ]);
    expect(calls(wechat)).toEqual({ "product/order/get": 3 });
    expect(calls(mall)).toEqual({ "md.shop.order.list": 1 });
  });
});

function calls(sim: { stats(): { calls: Record<string, number> } }): Record<string, number> {
  return { ...sim.stats().calls };
}
