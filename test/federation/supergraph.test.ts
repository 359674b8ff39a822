import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { WechatSimOrder } from "../../src/simulators/wechat/index.js";
import type { Weixin12315SimOrder } from "../../src/simulators/weixin12315/index.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import {
  startCustomersSubgraph,
  type CustomerRecord,
  type RunningCustomersSubgraph,
} from "./support/customers-subgraph.js";
import {
  expectedMiniStoreOrder,
  expectedWeixin12315Order,
  ORDER_SELECTION,
} from "./support/expected-orders.js";
import { startGateway, type QueryPlanTrace, type RunningGateway } from "./support/gateway.js";
import { composeSupergraph, fetchSubgraphSdl } from "./support/supergraph.js";

// The orders subgraph composed with a second subgraph (customers) by Apollo's own composition and
// served by @apollo/gateway, all on loopback: the data that crosses the boundary must be exact.

const ROUTER_SECRET = "federation-test-router-secret-5d2c";
const UPSTREAM_CONCURRENCY = 4;
/** Composition hints we accept, each with the reason. None are expected today. */
const ALLOWED_HINTS: Record<string, string> = {};

const ORDERS_PER_CUSTOMER = 8;
const LINKED_12315_PER_CUSTOMER = 2;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

let stack: TestStack;
let customersSubgraph: RunningCustomersSubgraph;
let gateway: RunningGateway;
let customers: CustomerRecord[];
let hintsSeen: { code: string; message: string }[];
const wechatById = new Map<string, WechatSimOrder>();
const weixin12315ByNumber = new Map<string, Weixin12315SimOrder>();
const ownerOf = new Map<string, string>();

/** Customers of the test: the WeChat buyers with the most orders, each linked to two weixin12315 orders. */
function customersFromSimulators(): CustomerRecord[] {
  const byBuyer = new Map<string, WechatSimOrder[]>();
  for (const order of stack.wechat.orders())
    byBuyer.set(order.openid, [...(byBuyer.get(order.openid) ?? []), order]);
  const buyers = [...byBuyer.entries()]
    .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
    .slice(0, 4);
  const linked = stack.weixin12315.orders().slice(0, buyers.length * LINKED_12315_PER_CUSTOMER);
  return buyers.map(([openid, orders], i) => {
    if (orders.length < ORDERS_PER_CUSTOMER)
      throw new Error(`seed too small: buyer ${i} has ${orders.length} orders`);
    return {
      openid,
      displayName: `顾客 #${i + 1}`,
      storeCreditFen: 12_345 * (i + 1),
      miniStoreOrderIds: orders.slice(0, ORDERS_PER_CUSTOMER).map((o) => o.order_id.toString()),
      weixin12315OrderNumbers: linked
        .slice(i * LINKED_12315_PER_CUSTOMER, (i + 1) * LINKED_12315_PER_CUSTOMER)
        .map((o) => o.ordernumber),
    };
  });
}

/** What `recentOrders.nodes` must be for a customer: every order, exact, in the customer's order. */
function expectedOrdersOf(customer: CustomerRecord, first: number) {
  return [
    ...customer.miniStoreOrderIds.map((id) => expectedMiniStoreOrder(wechatById.get(id)!, customer.openid)),
    ...customer.weixin12315OrderNumbers.map((n) =>
      expectedWeixin12315Order(weixin12315ByNumber.get(n)!, customer.openid),
    ),
  ].slice(0, first);
}

beforeAll(async () => {
  stack = await startTestStack({
    env: { ROUTER_SECRET, UPSTREAM_CONCURRENCY: String(UPSTREAM_CONCURRENCY) },
  });
  for (const order of stack.wechat.orders()) wechatById.set(order.order_id.toString(), order);
  for (const order of stack.weixin12315.orders()) weixin12315ByNumber.set(order.ordernumber, order);
  customers = customersFromSimulators();
  for (const c of customers) {
    for (const key of [...c.miniStoreOrderIds, ...c.weixin12315OrderNumbers]) ownerOf.set(key, c.openid);
  }
  customersSubgraph = await startCustomersSubgraph(customers);

  const routerHeaders = { "router-authorization": ROUTER_SECRET };
  const subgraphs = [
    { name: "orders", url: `${stack.url}/graphql`, headers: routerHeaders },
    { name: "customers", url: customersSubgraph.url },
  ];
  const composed = composeSupergraph(
    await Promise.all(
      subgraphs.map(async (s) => ({ name: s.name, url: s.url, sdl: await fetchSubgraphSdl(s) })),
    ),
    ALLOWED_HINTS,
  );
  hintsSeen = composed.hints;
  gateway = await startGateway({
    supergraph: { sdl: composed.supergraphSdl },
    routerSecret: ROUTER_SECRET,
    captureTraces: true,
  });
});

/** Asks the gateway as a caller granted the buyer-data scope (forwarded, so nothing is masked). */
const queryGateway = (query: string, variables?: Record<string, unknown>) =>
  gateway.query(query, variables, stack.piiHeaders);

afterAll(async () => {
  await gateway?.close();
  await customersSubgraph?.close();
  await stack?.close();
});

describe("composition", () => {
  it("composes with zero errors and no unexplained hint", () => {
    expect(hintsSeen.filter((h) => !(h.code in ALLOWED_HINTS))).toEqual([]);
  });
});

describe("customer → orders across the boundary", () => {
  it("returns every order of a customer, exact, through union and interface fragments", async () => {
    const customer = customers[0]!;
    const result = await queryGateway(
      `query ($openid: String!) {
        customer(openid: $openid) {
          openid
          displayName
          storeCredit { amount currency minorUnits }
          recentOrders(first: 20) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            nodes { ${ORDER_SELECTION} }
          }
        }
      }`,
      { openid: customer.openid },
    );
    const count = ORDERS_PER_CUSTOMER + LINKED_12315_PER_CUSTOMER;
    expect(result).toEqual({
      data: {
        customer: {
          openid: customer.openid,
          displayName: customer.displayName,
          storeCredit: { amount: "123.45", currency: "CNY", minorUnits: 12_345 },
          recentOrders: {
            totalCount: count,
            pageInfo: {
              hasNextPage: false,
              hasPreviousPage: false,
              startCursor: "0",
              endCursor: String(count - 1),
            },
            nodes: expectedOrdersOf(customer, 20),
          },
        },
      },
    });
  });

  it("keeps 19-digit order ids digit-exact across both hops", async () => {
    const bigIds = customers.flatMap((c) => c.miniStoreOrderIds).filter((id) => BigInt(id) > MAX_SAFE);
    expect(bigIds.length).toBeGreaterThan(0);
    const result = await queryGateway(
      `query ($openids: [String!]!) {
        customers(openids: $openids) { recentOrders(first: 20) { nodes { ... on MiniStoreOrder { orderId } } } }
      }`,
      { openids: customers.map((c) => c.openid) },
    );
    const returned = (
      result.data?.customers as { recentOrders: { nodes: { orderId?: string }[] } }[]
    ).flatMap((c) => c.recentOrders.nodes.flatMap((n) => (n.orderId === undefined ? [] : [n.orderId])));
    expect(returned).toEqual(customers.flatMap((c) => c.miniStoreOrderIds));
    expect(returned).toEqual(expect.arrayContaining(bigIds));
  });
});

describe("order → fields from both subgraphs", () => {
  it("a WeChat order carries its customer, whose orders come back from the orders subgraph", async () => {
    const customer = customers[1]!;
    const orderId = customer.miniStoreOrderIds[0]!;
    const result = await queryGateway(
      `query ($orderNumber: String!) {
        orderByNumber(source: MINI_STORE, orderNumber: $orderNumber) {
          ${ORDER_SELECTION}
          ... on MiniStoreOrder {
            id
            customer {
              displayName
              storeCredit { amount }
              recentOrders(first: 3) { totalCount pageInfo { hasNextPage } nodes { ${ORDER_SELECTION} } }
            }
          }
        }
      }`,
      { orderNumber: orderId },
    );
    const { id, ...order } = result.data?.orderByNumber as { id: string } & Record<string, unknown>;
    expect(result.errors).toBeUndefined();
    expect(order).toEqual({
      ...expectedMiniStoreOrder(wechatById.get(orderId)!, customer.openid),
      customer: {
        openid: customer.openid,
        displayName: customer.displayName,
        storeCredit: { amount: "246.90" },
        recentOrders: {
          totalCount: ORDERS_PER_CUSTOMER + LINKED_12315_PER_CUSTOMER,
          pageInfo: { hasNextPage: true },
          nodes: expectedOrdersOf(customer, 3),
        },
      },
    });

    // The Node id from the gateway refetches the same order, with the customer's field attached again.
    const again = await queryGateway(`query ($id: ID!) { order(id: $id) { ${ORDER_SELECTION} } }`, { id });
    expect(again).toEqual({
      data: { order: expectedMiniStoreOrder(wechatById.get(orderId)!, customer.openid) },
    });
  });

  it("a weixin12315 order carries its customer too; an order nobody linked has a null customer", async () => {
    const customer = customers[2]!;
    const linkedNumber = customer.weixin12315OrderNumbers[0]!;
    const unlinked = stack.weixin12315.orders().find((o) => !ownerOf.has(o.ordernumber))!;
    const result = await queryGateway(
      `query ($linked: String!, $unlinked: String!) {
        linked: orderByNumber(source: WEIXIN12315, orderNumber: $linked) {
          ${ORDER_SELECTION}
          ... on Weixin12315Order { customer { displayName } }
        }
        unlinked: orderByNumber(source: WEIXIN12315, orderNumber: $unlinked) { ${ORDER_SELECTION} }
      }`,
      { linked: linkedNumber, unlinked: unlinked.ordernumber },
    );
    expect(result).toEqual({
      data: {
        linked: {
          ...expectedWeixin12315Order(weixin12315ByNumber.get(linkedNumber)!, customer.openid),
          customer: { openid: customer.openid, displayName: customer.displayName },
        },
        unlinked: expectedWeixin12315Order(unlinked, null),
      },
    });
  });
});

describe("reference resolution through the gateway", () => {
  it("50 order references: one upstream call per distinct order, never more than the concurrency limit at once", async () => {
    // A customer listed twice: 5 × 10 = 50 references to 40 distinct orders (32 WeChat, 8 weixin12315).
    const openids = [...customers.map((c) => c.openid), customers[0]!.openid];
    const refs = openids.flatMap((o) => {
      const c = customers.find((x) => x.openid === o)!;
      return [...c.miniStoreOrderIds, ...c.weixin12315OrderNumbers];
    });
    expect(refs).toHaveLength(50);
    const distinctWechat = new Set(customers.flatMap((c) => c.miniStoreOrderIds)).size;
    const distinct12315 = new Set(customers.flatMap((c) => c.weixin12315OrderNumbers)).size;

    // Latency makes overlapping calls visible to the simulators' in-flight counters.
    for (const sim of [stack.wechat, stack.weixin12315]) {
      sim.setFaults({ latencyMs: 40 });
      sim.resetStats();
    }
    try {
      const result = await queryGateway(
        `query ($openids: [String!]!) {
          customers(openids: $openids) {
            openid
            recentOrders(first: 20) { nodes { __typename ... on OrderCommon { orderNumber totalAmount { amount } } } }
          }
        }`,
        { openids },
      );
      expect(result.errors).toBeUndefined();
      const nodes = (
        result.data?.customers as { recentOrders: { nodes: { orderNumber: string }[] } }[]
      ).flatMap((c) => c.recentOrders.nodes);
      expect(nodes.map((n) => n.orderNumber)).toEqual(refs);
    } finally {
      for (const sim of [stack.wechat, stack.weixin12315]) sim.setFaults({});
    }

    const wechat = stack.wechat.stats();
    const weixin12315 = stack.weixin12315.stats();
    expect(wechat.calls["product/order/get"]).toBe(distinctWechat);
    expect(wechat.calls["product/order/get_list"]).toBeUndefined();
    expect(weixin12315.calls["md.shop.order.list"]).toBe(distinct12315);
    expect(wechat.maxInFlight).toBeLessThanOrEqual(UPSTREAM_CONCURRENCY);
    expect(weixin12315.maxInFlight).toBeLessThanOrEqual(UPSTREAM_CONCURRENCY);
    // …and the calls did overlap: the limit bounds real concurrency, not a serial loop.
    expect(wechat.maxInFlight).toBeGreaterThan(1);
  });
});

describe("federated tracing", () => {
  it("the orders subgraph answers the gateway's ftv1 request with a trace the gateway decodes", async () => {
    // Its own operation: a root field of the orders subgraph, then its `_entities` for the customer's orders.
    const tracesBefore = gateway.queryPlanTraces().length;
    const result = await gateway.query(
      `query ($n: String!) {
        orderByNumber(source: MINI_STORE, orderNumber: $n) {
          ... on MiniStoreOrder { customer { recentOrders(first: 1) { nodes { ... on OrderCommon { createdAt } } } } }
        }
      }`,
      { n: customers[0]!.miniStoreOrderIds[0]! },
    );
    expect(result.errors).toBeUndefined();
    const fetches = gateway.queryPlanTraces().slice(tracesBefore).flatMap(fetchNodesOf);
    const fromOrders = fetches.filter((f) => f.serviceName === "orders");
    expect(fromOrders.length).toBeGreaterThan(0);
    for (const fetch of fromOrders) {
      expect(fetch.traceParsingFailed).toBe(false);
      expect(fetch.trace?.root?.child?.length).toBeGreaterThan(0);
    }
    const rootFields = fromOrders.flatMap((f) => f.trace?.root?.child?.map((c) => c.responseName) ?? []);
    expect(rootFields).toEqual(expect.arrayContaining(["_entities", "orderByNumber"]));
  });
});

type PlanNode = Pick<QueryPlanTrace, "fetch" | "sequence" | "parallel" | "flatten" | "condition">;
type FetchNode = NonNullable<QueryPlanTrace["fetch"]>;

/** Every fetch node of a query-plan trace. */
function fetchNodesOf(node: PlanNode | null | undefined): FetchNode[] {
  if (!node) return [];
  if (node.fetch) return [node.fetch];
  return [
    ...(node.sequence?.nodes ?? []).flatMap(fetchNodesOf),
    ...(node.parallel?.nodes ?? []).flatMap(fetchNodesOf),
    ...fetchNodesOf(node.flatten?.node),
    ...fetchNodesOf(node.condition?.ifClause),
    ...fetchNodesOf(node.condition?.elseClause),
  ];
}
