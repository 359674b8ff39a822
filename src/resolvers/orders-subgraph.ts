// The orders subgraph: the schema layer's federated builder applied to this folder's resolvers.
import type { GraphQLSchema } from "graphql";

import { buildFederatedSchema, printSubgraphSdl } from "../schema/build-federated-schema.js";
import { orphanedTypes, resolvers } from "./index.js";
import { orderReferenceResolvers } from "./order.reference.js";

export function buildOrdersSubgraphSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers, orphanedTypes, referenceResolvers: orderReferenceResolvers });
}

/** The subgraph SDL exactly as `_service { sdl }` returns it. */
export async function printOrdersSubgraphSdl(): Promise<string> {
  return printSubgraphSdl(await buildOrdersSubgraphSchema());
}
