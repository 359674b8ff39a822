// Builds a federated subgraph from TypeGraphQL classes: TypeGraphQL → SDL with directives →
// @apollo/subgraph (the recipe of type-graphql's federation example), keeping TypeGraphQL's resolvers
// and field extensions. The resolver list is passed in (`resolvers/orders-subgraph.ts`), so the schema
// layer never imports the resolvers.
// TypeGraphQL's decorators need the metadata polyfill before any type module loads.
import "reflect-metadata";

import { buildSubgraphSchema } from "@apollo/subgraph";
import { mergeResolvers } from "@graphql-tools/merge";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import {
  type DocumentNode,
  execute,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  visit,
} from "graphql";
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from "type-graphql";

export interface OrdersSubgraphOptions {
  /**
   * Publish `@requiresScopes` on the buyer personal-data fields (`PII_REQUIRES_SCOPES=on`). Off by
   * default: only a router that enforces authorization accepts it (an unlicensed Apollo Router and
   * @apollo/gateway refuse to start), and the subgraph masks those fields itself either way.
   */
  requiresScopes?: boolean;
}

/**
 * The lowest federation version that provides every directive the SDL uses, so that older and
 * third-party compositions accept it (The Guild's knows v2.0–v2.9): `@key` and `@shareable` are
 * v2.0; `@requiresScopes` arrived in v2.5, so that version is linked only when the SDL carries it.
 */
function federationSpecUrl(options: OrdersSubgraphOptions = {}): string {
  return `https://specs.apollo.dev/federation/${options.requiresScopes ? "v2.5" : "v2.0"}`;
}

const REQUIRES_SCOPES = "requiresScopes";

function federationLink(options: OrdersSubgraphOptions): string {
  const imports = ["@key", "@shareable", ...(options.requiresScopes ? [`@${REQUIRES_SCOPES}`] : [])];
  return `extend schema @link(url: "${federationSpecUrl(options)}", import: ${JSON.stringify(imports)})`;
}

/** The type definitions without `@requiresScopes` (the `@PersonalData` fields carry it otherwise). */
function withoutRequiresScopes(typeDefs: DocumentNode): DocumentNode {
  return visit(typeDefs, {
    [Kind.DIRECTIVE]: (node) => (node.name.value === REQUIRES_SCOPES ? null : undefined),
  });
}

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

export async function buildFederatedSchema(
  parts: SubgraphParts,
  options: OrdersSubgraphOptions = {},
): Promise<GraphQLSchema> {
  const { resolvers, orphanedTypes, referenceResolvers } = parts;
  const typeGraphqlSchema = await buildSchema({ resolvers, orphanedTypes, skipCheck: true, validate: false });
  const printed = parse(`${federationLink(options)}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const typeDefs = options.requiresScopes ? printed : withoutRequiresScopes(printed);
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
  useOwnTypeResolvers(subgraph);
  return subgraph;
}

/**
 * TypeGraphQL wraps each union's and interface's `resolveType` in an async function. Ours return the
 * type name at once (`resolveBySource`), so the subgraph uses them directly: graphql-js then needs no
 * promise per abstract value, and graphql-jit (server/compiled-execution.ts) needs the name synchronously.
 */
function useOwnTypeResolvers(schema: GraphQLSchema): void {
  const { unions, interfaceTypes } = getMetadataStorage();
  for (const { name, resolveType } of [...unions, ...interfaceTypes]) {
    const type = schema.getType(name);
    if (resolveType && type && isAbstractType(type)) {
      type.resolveType = resolveType as GraphQLTypeResolver<unknown, unknown>;
    }
  }
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
