import { expect, it } from "vitest";

import type { TestStack } from "../../support/stack.js";
import { type CustomerRecord, orderReferencesOf } from "./customers-subgraph.js";
import type { GatewayClient, GraphQLResponseBody } from "./gateway-client.js";

// The questions every gateway under test is asked, each answer compared with what the orders
// subgraph itself answers to the same question (asked directly, with the same caller headers):
// a gateway must add the customers subgraph's fields and change nothing else.

/** An order's own fields, buyer personal data included, through the union and interface fragments. */
const ORDER_FIELDS = `
  __typename
  ... on OrderCommon {
    id orderId orderNumber source status sourceStatus createdAt buyerOpenid
    totalAmount { amount currency minorUnits }
    products { __typename ... on ProductInfoCommon { productId title quantity unitPrice { amount } } }
    deliveryInfo { __typename ... on DeliveryInfoCommon { recipientName phone addressLine postalCode } }
  }
  ... on MiniStoreOrder { freight { minorUnits } }
  ... on Weixin12315Order { nickname usePoints }
`;

const CUSTOMER_ORDERS = `query ($openid: String!) {
  customer(openid: $openid) {
    openid
    recentOrders(first: 20) {
      totalCount
      nodes {
        ${ORDER_FIELDS}
        ... on MiniStoreOrder { customer { openid } }
        ... on Weixin12315Order { customer { openid } }
      }
    }
  }
}`;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ${ORDER_FIELDS} }
}`;

const FIRST_ORDERS = `{
  orders(first: 5) {
    totalCount
    edges { cursor node { ${ORDER_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const LOOKUPS = `query ($wechatId: ID!, $wechatNumber: String!, $x12315Id: ID!, $x12315Number: String!) {
  wechatById: order(id: $wechatId) { ${ORDER_FIELDS} }
  wechatByNumber: orderByNumber(source: MINI_STORE, orderNumber: $wechatNumber) { ${ORDER_FIELDS} }
  wechatNode: node(id: $wechatId) { __typename ... on Order { ${ORDER_FIELDS} } }
  x12315ById: order(id: $x12315Id) { ${ORDER_FIELDS} }
  x12315ByNumber: orderByNumber(source: WEIXIN12315, orderNumber: $x12315Number) { ${ORDER_FIELDS} }
  x12315Node: node(id: $x12315Id) { __typename ... on Order { ${ORDER_FIELDS} } }
}`;

export interface GatewayAnswersSetup {
  gateway: () => GatewayClient;
  stack: () => TestStack;
  /** A customer the customers subgraph holds, with orders of both sources. */
  customer: () => CustomerRecord;
  /** The caller headers to compare under (e.g. with and without the buyer-data scope). */
  callers: Record<string, () => Record<string, string>>;
}

/** The orders subgraph's own answer (it adds the router secret the stack is configured with). */
async function subgraphAnswer(
  stack: TestStack,
  query: string,
  variables: Record<string, unknown> | undefined,
  headers: Record<string, string>,
): Promise<GraphQLResponseBody> {
  const { data, errors } = await stack.graphql(query, variables, headers);
  expect(errors).toBeUndefined();
  return { data };
}

/**
 * The answer with every cursor matching any string: a cursor pins its walk's window to the instant
 * the walk started, so two asks a moment apart differ there and nowhere else.
 */
function anyCursors(answer: GraphQLResponseBody): unknown {
  const orders = answer.data!.orders as { edges: { cursor: string }[]; pageInfo: Record<string, unknown> };
  return {
    data: {
      orders: {
        ...orders,
        edges: orders.edges.map((edge) => ({ ...edge, cursor: expect.any(String) })),
        pageInfo: { ...orders.pageInfo, startCursor: expect.any(String), endCursor: expect.any(String) },
      },
    },
  };
}

/** Registers, for each caller, the cross-subgraph entity query, `orders(first: 5)` and the three lookups. */
export function itAnswersLikeTheSubgraph(setup: GatewayAnswersSetup): void {
  for (const [caller, headersOf] of Object.entries(setup.callers)) {
    it(`${caller}: a customer's orders across the boundary are the subgraph's entities, with the customer added`, async () => {
      const [customer, stack, headers] = [setup.customer(), setup.stack(), headersOf()];
      const references = orderReferencesOf(customer);
      const own = await subgraphAnswer(stack, ENTITIES, { representations: references }, headers);
      const ownOrders = own.data!._entities as Record<string, unknown>[];
      expect(ownOrders).toHaveLength(references.length);
      expect(ownOrders.map((o) => o.__typename)).toEqual(
        expect.arrayContaining(["MiniStoreOrder", "Weixin12315Order"]),
      );

      stack.wechat.resetStats();
      stack.weixin12315.resetStats();
      const answer = await setup.gateway().query(CUSTOMER_ORDERS, { openid: customer.openid }, headers);
      expect(answer).toEqual({
        data: {
          customer: {
            openid: customer.openid,
            recentOrders: {
              totalCount: references.length,
              nodes: ownOrders.map((order) => ({ ...order, customer: { openid: customer.openid } })),
            },
          },
        },
      });
      // The gateway's `_entities` fetch costs one upstream call per distinct order, as asked directly.
      expect(stack.wechat.stats().calls).toEqual({ "product/order/get": customer.miniStoreOrderIds.length });
      expect(stack.weixin12315.stats().calls).toEqual({
        "md.shop.order.list": customer.weixin12315OrderNumbers.length,
      });
    });

    it(`${caller}: orders(first: 5) and the three lookups are the subgraph's own answers`, async () => {
      const headers = headersOf();
      const stack = setup.stack();
      const first = await subgraphAnswer(stack, FIRST_ORDERS, undefined, headers);
      expect(await setup.gateway().query(FIRST_ORDERS, undefined, headers)).toEqual(anyCursors(first));

      const nodes = (first.data!.orders as { edges: { node: Record<string, string> }[] }).edges.map(
        (e) => e.node,
      );
      const wechat = nodes.find((n) => n.__typename === "MiniStoreOrder")!;
      const x12315 = nodes.find((n) => n.__typename === "Weixin12315Order")!;
      const variables = {
        wechatId: wechat.id,
        wechatNumber: wechat.orderNumber,
        x12315Id: x12315.id,
        x12315Number: x12315.orderNumber,
      };
      const lookups = await subgraphAnswer(stack, LOOKUPS, variables, headers);
      expect(Object.values(lookups.data!).every((order) => order !== null)).toBe(true);
      expect(await setup.gateway().query(LOOKUPS, variables, headers)).toEqual(lookups);
    });
  }
}
