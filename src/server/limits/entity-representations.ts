// `_entities` is checked before it runs: each representation must name an entity type of this
// subgraph, and one operation may ask for at most `maxEntityRepresentations` of them (each can be an
// upstream call; WeChat has no batch read). @apollo/subgraph would otherwise fail an unknown
// `__typename` with a plain Error, answered as an internal error.
import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  isUnionType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

import type { Limits } from "../config.js";

const httpBadRequest = { status: 400 };

/** The `_entities` fields at the root of `operation`, through inline fragments and fragment spreads. */
function entitiesFields(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  const found: FieldNode[] = [];
  const seen = new Set<string>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === "_entities") found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return found;
}

const describe = (value: unknown) => JSON.stringify(value)?.slice(0, 100) ?? String(value);

/**
 * The reason to refuse the operation's `_entities` representations, if any: more than the limit in
 * all, or one that is not an object whose `__typename` is an entity type of the schema. Variables
 * that do not coerce are left to execution (BAD_USER_INPUT there).
 */
export function entityRepresentationsRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
  limits: Pick<Limits, "maxEntityRepresentations">,
): GraphQLError | undefined {
  const entitiesField =
    operation.operation === "query" ? schema.getQueryType()?.getFields()._entities : undefined;
  const entityUnion = schema.getType("_Entity");
  if (!entitiesField || !isUnionType(entityUnion)) return undefined;
  const fields = entitiesFields(document, operation);
  if (fields.length === 0) return undefined;
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (!coerced) return undefined;
  const entityTypes = new Set(entityUnion.getTypes().map((type) => type.name));
  let count = 0;
  for (const field of fields) {
    const representations = getArgumentValues(entitiesField, field, coerced).representations as unknown[];
    count += representations.length;
    if (count > limits.maxEntityRepresentations) {
      return new GraphQLError(
        `Too many entity representations: more than ${limits.maxEntityRepresentations} in one operation; send them in smaller batches.`,
        {
          extensions: {
            code: "QUERY_TOO_COMPLEX",
            http: httpBadRequest,
            limit: "maxEntityRepresentations",
            maximum: limits.maxEntityRepresentations,
          },
        },
      );
    }
    for (const representation of representations) {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (typeof typename === "string" && entityTypes.has(typename)) continue;
      return new GraphQLError(
        `An entity representation needs \`__typename\` naming one of ${[...entityTypes].join(", ")}; got ${describe(representation)}.`,
        { extensions: { code: "BAD_USER_INPUT", http: httpBadRequest } },
      );
    }
  }
  return undefined;
}
