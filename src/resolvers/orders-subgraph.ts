// The orders subgraph: the schema layer's federated builder applied to this folder's resolvers.
import type { GraphQLSchema } from "graphql";

import {
  buildFederatedSchema,
  printSubgraphSdl,
  type OrdersSubgraphOptions,
} from "../schema/build-federated-schema.js";
import { orphanedTypes, resolvers } from "./index.js";
import { orderReferenceResolvers } from "./order.reference.js";

export function buildOrdersSubgraphSchema(options: OrdersSubgraphOptions = {}): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers, orphanedTypes, referenceResolvers: orderReferenceResolvers },
    options,
  );
}

/** The subgraph SDL exactly as `_service { sdl }` returns it. */
export async function printOrdersSubgraphSdl(options: OrdersSubgraphOptions = {}): Promise<string> {
  return printSubgraphSdl(await buildOrdersSubgraphSchema(options));
}
