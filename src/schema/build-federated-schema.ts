// Builds a federated subgraph from TypeGraphQL classes: TypeGraphQL → SDL with directives →
// @apollo/subgraph (the recipe of type-graphql's federation example), keeping TypeGraphQL's resolvers
// and field extensions. The resolver list is passed in (`resolvers/orders-subgraph.ts`), so the schema
// layer never imports the resolvers.
// TypeGraphQL's decorators need the metadata polyfill before any type module loads.
import "reflect-metadata";

import { buildSubgraphSchema } from "@apollo/subgraph";
import { mergeResolvers } from "@graphql-tools/merge";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { execute, type GraphQLSchema, isInterfaceType, isObjectType, parse } from "graphql";
import { gql } from "graphql-tag";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";

/** The federation spec version linked: the newest that @apollo/composition and @apollo/gateway (2.14) know. */
const FEDERATION_SPEC_URL = "https://specs.apollo.dev/federation/v2.14";

const FEDERATION_LINK = `extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key", "@shareable", "@requiresScopes"])`;

/** @apollo/subgraph's resolver-map type (not exported by name from its entry point in 2.14). */
type SubgraphResolvers = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>["resolvers"]
>;

/** What a subgraph is built from: TypeGraphQL resolver classes, types to emit whatever the queries, entity references. */
export interface SubgraphParts {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeGraphQL's own resolver list type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeGraphQL's own type list type
  orphanedTypes: Function[];
  /** `__resolveReference` per entity type name. */
  referenceResolvers: Record<string, { __resolveReference: (...args: never[]) => unknown }>;
}

export async function buildFederatedSchema(parts: SubgraphParts): Promise<GraphQLSchema> {
  const { resolvers, orphanedTypes, referenceResolvers } = parts;
  const typeGraphqlSchema = await buildSchema({ resolvers, orphanedTypes, skipCheck: true, validate: false });
  const typeDefs = gql(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const subgraph = buildSubgraphSchema([
    {
      typeDefs,
      // A deep merge: both maps may define the same type (e.g. an entity's fields and its reference).
      resolvers: mergeResolvers([
        createResolversMap(typeGraphqlSchema),
        referenceResolvers,
      ]) as SubgraphResolvers,
    },
  ]);
  copyFieldExtensions(typeGraphqlSchema, subgraph);
  return subgraph;
}

/** The subgraph SDL exactly as `_service { sdl }` returns it (asked of the schema itself, so they cannot drift). */
export async function printSubgraphSdl(schema: GraphQLSchema): Promise<string> {
  const result = await execute({
    schema,
    document: parse("{ _service { sdl } }"),
  });
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== "string") throw new Error(`_service { sdl } failed: ${JSON.stringify(result.errors)}`);
  return sdl;
}

/**
 * SDL carries no extensions, so field metadata such as `personalData` (read by the server's masking)
 * and `complexity` is copied from the TypeGraphQL schema onto the subgraph schema's fields.
 */
function copyFieldExtensions(from: GraphQLSchema, to: GraphQLSchema): void {
  for (const type of Object.values(from.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const target = to.getType(type.name);
    if (!target || (!isObjectType(target) && !isInterfaceType(target))) continue;
    const targetFields = target.getFields();
    for (const [name, field] of Object.entries(type.getFields())) {
      const defined = Object.entries(field.extensions).filter(([, value]) => value !== undefined);
      const targetField = targetFields[name];
      if (targetField && defined.length > 0)
        Object.assign(targetField.extensions, Object.fromEntries(defined));
    }
  }
}
