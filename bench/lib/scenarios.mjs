// The five scenarios: GraphQL documents and variables built from the seeded shops, so every run asks
// for the same orders. Scenario names are what `--profile <scenario>` takes.
import { buildSchema, getNamedType, isAbstractType, isObjectType, parse, print } from "graphql";

import { WALK } from "./settings.mjs";

const COMMON_FIELDS = `
fragment Money on Money { amount currency minorUnits }

fragment OrderCommonFields on OrderCommon {
  id source orderId orderNumber status sourceStatus createdAt updatedAt paidAt
  totalAmount { ...Money }
  freight { ...Money }
  buyerOpenid buyerNote merchantNote
  products {
    __typename
    ... on ProductInfoCommon { productId skuId title quantity unitPrice { ...Money } totalPrice { ...Money } imageUrl }
  }
  payInfo { __typename ... on PayInfoCommon { method paidAt amount { ...Money } } }
  deliveryInfo {
    __typename
    ... on DeliveryInfoCommon { recipientName phone province city district addressLine postalCode }
  }
  aftersale { __typename ... on AftersaleCommon { inProgressCount caseCount } }
}

fragment OrderFields on Order {
  __typename
  ...OrderCommonFields
  ... on MiniStoreOrder { miniStoreStatus }
  ... on Weixin12315Order { weixin12315Status }
}`;

/** Every field of `typeName`, all the way down (unions and interfaces through each member). */
export function everyField(schema, typeName, { except = new Set() } = {}) {
  const type = schema.getType(typeName);
  if (isAbstractType(type)) {
    const members = schema
      .getPossibleTypes(type)
      .map((member) => `... on ${member.name} ${everyField(schema, member.name, { except })}`);
    return `{ __typename ${members.join(" ")} }`;
  }
  const fields = Object.values(type.getFields())
    .filter((field) => !except.has(field.name))
    .map((field) => {
      const named = getNamedType(field.type);
      return isObjectType(named) || isAbstractType(named)
        ? `${field.name} ${everyField(schema, named.name, { except })}`
        : field.name;
    });
  return `{ ${fields.join(" ")} }`;
}

export const document = (text) => print(parse(text));

/**
 * @param {string} sdl the built subgraph's SDL
 * @param {{ miniStore: {key: string, createdAt: number, status: number}[], weixin12315: {key: string, createdAt: number}[] }} orders
 *   the seeded orders, newest first (from the upstreams process)
 */
export function buildScenarios(sdl, orders) {
  const schema = buildSchema(sdl);
  const nodeId = (typeName, key) => Buffer.from(`${typeName}:${key}`, "utf8").toString("base64url");

  // A completed 19-digit WeChat order: the seed fills every key of the document on those.
  const detailed =
    orders.miniStore.find((o) => o.status === 100 && o.key.length === 19) ?? orders.miniStore[0];
  const spread = (list, count) =>
    Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]);
  const representations = [
    ...spread(orders.miniStore, 25).map((o, i) =>
      i % 2 === 0
        ? { __typename: "MiniStoreOrder", id: nodeId("MiniStoreOrder", o.key) }
        : { __typename: "MiniStoreOrder", orderId: o.key },
    ),
    ...spread(orders.weixin12315, 25).map((o, i) =>
      i % 2 === 0
        ? { __typename: "Weixin12315Order", orderNumber: o.key }
        : { __typename: "Weixin12315Order", id: nodeId("Weixin12315Order", o.key) },
    ),
  ];

  return [
    {
      name: "orders-first-20",
      title: "orders(first: 20), common fields + union fragments",
      // docs/pagination.md: |M| + |X| = 12 WeChat statuses + 1 weixin12315 stream.
      minimumUpstreamCalls: 13,
      query: document(`query OrdersFirst20 {
        orders(first: 20) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { ...OrderFields } }
        }
      } ${COMMON_FIELDS}`),
    },
    {
      name: "mini-store-orders-first-100",
      title: "miniStoreOrders(first: 100), every field",
      minimumUpstreamCalls: 12,
      query: document(`query MiniStoreOrdersFirst100 {
        miniStoreOrders(first: 100) {
          totalCount
          pageInfo ${everyField(schema, "PageInfo")}
          edges { cursor node ${everyField(schema, "MiniStoreOrder")} }
        }
      }`),
    },
    {
      name: "order-by-id",
      title: "order(id:), every field",
      minimumUpstreamCalls: 1,
      query: document(`query OrderById($id: ID!) { order(id: $id) ${everyField(schema, "Order")} }`),
      variables: { id: nodeId("MiniStoreOrder", detailed.key) },
    },
    {
      name: "entities-50",
      title: "_entities with 50 order references",
      // One call per distinct order: neither upstream has a batch lookup.
      minimumUpstreamCalls: new Set(representations.map((r) => r.id ?? r.orderId ?? r.orderNumber)).size,
      query: document(`query Entities50($representations: [_Any!]!) {
        _entities(representations: $representations) { ...OrderFields }
      } ${COMMON_FIELDS}`),
      variables: { representations },
    },
    walkScenario(orders),
  ];
}

/** The newest `WALK.orders` orders of both shops, as a created-time window (bounds inclusive, to the second). */
function walkScenario(orders) {
  const merged = [...orders.miniStore, ...orders.weixin12315].sort((a, b) => b.createdAt - a.createdAt);
  let count = WALK.orders;
  // The window ends on a second boundary: grow it until the next order is strictly older.
  while (count < merged.length && merged[count].createdAt === merged[count - 1].createdAt) count += 1;
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    name: "walk-2000",
    title: `forward walk of ${count} orders, orders(first: ${WALK.pageSize})`,
    minimumUpstreamCalls: 13, // per page, as orders-first-20
    walk: { orders: count, pageSize: WALK.pageSize },
    query: document(`query OrdersWalk($after: String, $filter: OrderFilter) {
      orders(first: ${WALK.pageSize}, after: $after, filter: $filter) {
        pageInfo { hasNextPage endCursor }
        edges { cursor node { ...OrderFields } }
      }
    } ${COMMON_FIELDS}`),
    variables: {
      filter: { createdAfter: iso(merged[count - 1].createdAt), createdBefore: iso(merged[0].createdAt) },
    },
  };
}
