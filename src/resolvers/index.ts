// The resolver classes and entity types the subgraph schema is built from.
import type { NonEmptyArray } from "type-graphql";

import { MiniStoreOrder } from "../schema/mini-store/mini-store-order.type.js";
import { Weixin12315Order } from "../schema/weixin12315/weixin12315-order.type.js";
import { MiniStoreOrdersResolver } from "./mini-store-orders.resolver.js";
import { OrderLookupResolver } from "./order-lookup.resolver.js";
import { OrdersResolver } from "./orders.resolver.js";
import { Weixin12315OrdersResolver } from "./weixin12315-orders.resolver.js";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeGraphQL's own resolver list type
export const resolvers: NonEmptyArray<Function> = [
  OrderLookupResolver,
  OrdersResolver,
  MiniStoreOrdersResolver,
  Weixin12315OrdersResolver,
];

/** Entities are reachable through unions, but are listed so they are emitted whatever the queries. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeGraphQL's own type list type
export const orphanedTypes: Function[] = [MiniStoreOrder, Weixin12315Order];
