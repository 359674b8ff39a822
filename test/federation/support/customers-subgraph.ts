import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { gql } from "graphql-tag";

import { moneyFromFen } from "../../../src/shared/money.js";

// A second subgraph, written only for the federation tests: it owns `Customer`, points at orders
// by their keys (the orders subgraph resolves them), and contributes `customer` onto both orders.

/** A buyer and the orders the test attributed to them (keys only: that is all this subgraph knows). */
export interface CustomerRecord {
  openid: string;
  displayName: string;
  /** Store credit in fen, served as the shared `Money` type. */
  storeCreditFen: number;
  miniStoreOrderIds: string[];
  weixin12315OrderNumbers: string[];
}

/** A version every composition under test knows (The Guild's stops at v2.9). */
const CUSTOMERS_FEDERATION_VERSION = "v2.3";

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/${CUSTOMERS_FEDERATION_VERSION}", import: ["@key", "@shareable"])

  type Query {
    customer(openid: String!): Customer
    "Several customers at once, in the order asked (unknown openids give null); repeats allowed."
    customers(openids: [String!]!): [Customer]!
  }

  type Customer @key(fields: "openid") {
    openid: String!
    displayName: String!
    storeCredit: Money!
    recentOrders(first: Int! = 10): CustomerOrders!
  }

  type CustomerOrders {
    nodes: [Order!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  union Order = MiniStoreOrder | Weixin12315Order

  type MiniStoreOrder @key(fields: "orderId") {
    orderId: String!
    customer: Customer
  }

  type Weixin12315Order @key(fields: "orderNumber") {
    orderNumber: String!
    customer: Customer
  }

  type Money @shareable {
    amount: String!
    currency: String!
    minorUnits: SafeInt!
  }

  scalar SafeInt

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
`;

type OrderReference =
  { __typename: "MiniStoreOrder"; orderId: string } | { __typename: "Weixin12315Order"; orderNumber: string };

/** A customer's orders as references: Mini Store ones first, then weixin12315, as recorded. */
export function orderReferencesOf(customer: CustomerRecord): OrderReference[] {
  return [
    ...customer.miniStoreOrderIds.map((orderId) => ({ __typename: "MiniStoreOrder" as const, orderId })),
    ...customer.weixin12315OrderNumbers.map((orderNumber) => ({
      __typename: "Weixin12315Order" as const,
      orderNumber,
    })),
  ];
}

function resolvers(customers: CustomerRecord[]) {
  const byOpenid = new Map(customers.map((c) => [c.openid, c]));
  const ownerOfMiniStoreOrder = new Map(customers.flatMap((c) => c.miniStoreOrderIds.map((id) => [id, c])));
  const ownerOfWeixin12315Order = new Map(
    customers.flatMap((c) => c.weixin12315OrderNumbers.map((n) => [n, c])),
  );
  return {
    Query: {
      customer: (_: unknown, { openid }: { openid: string }) => byOpenid.get(openid) ?? null,
      customers: (_: unknown, { openids }: { openids: string[] }) =>
        openids.map((o) => byOpenid.get(o) ?? null),
    },
    Customer: {
      __resolveReference: ({ openid }: { openid: string }) => byOpenid.get(openid) ?? null,
      storeCredit: (customer: CustomerRecord) => moneyFromFen(customer.storeCreditFen),
      recentOrders: (customer: CustomerRecord, { first }: { first: number }) => {
        const all = orderReferencesOf(customer);
        const nodes = all.slice(0, first);
        return {
          nodes,
          totalCount: all.length,
          pageInfo: {
            hasNextPage: all.length > nodes.length,
            hasPreviousPage: false,
            startCursor: nodes.length > 0 ? "0" : null,
            endCursor: nodes.length > 0 ? String(nodes.length - 1) : null,
          },
        };
      },
    },
    Order: {
      __resolveType: (ref: OrderReference) => ref.__typename,
    },
    MiniStoreOrder: {
      customer: ({ orderId }: { orderId: string }) => ownerOfMiniStoreOrder.get(orderId) ?? null,
    },
    Weixin12315Order: {
      customer: ({ orderNumber }: { orderNumber: string }) =>
        ownerOfWeixin12315Order.get(orderNumber) ?? null,
    },
  };
}

export interface RunningCustomersSubgraph {
  url: string;
  close(): Promise<void>;
}

/** Serves the customers subgraph on an ephemeral loopback port. */
export async function startCustomersSubgraph(customers: CustomerRecord[]): Promise<RunningCustomersSubgraph> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers(customers) }]),
  });
  const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port: 0 } });
  return { url, close: () => server.stop() };
}
