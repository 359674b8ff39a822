// Sandbox users read the schema through its descriptions: every type, field, argument, input field and
// enum value of ours must have one. Federation's own additions and GraphQL built-ins are skipped.
import {
  GraphQLObjectType,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from "graphql";
import { describe, expect, it } from "vitest";

import { buildOrdersSubgraphSchema } from "../../src/resolvers/orders-subgraph.js";

const FEDERATION_TYPES = new Set(["_Service", "_Any", "_Entity", "_FieldSet"]);
const FEDERATION_FIELDS = new Set(["Query._service", "Query._entities"]);

const isOurs = (type: GraphQLNamedType) =>
  !type.name.startsWith("__") &&
  !type.name.startsWith("link__") &&
  !type.name.startsWith("federation__") &&
  !FEDERATION_TYPES.has(type.name) &&
  !isSpecifiedScalarType(type);

/** Coordinates (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`) that have no description. */
function undescribed(types: GraphQLNamedType[]): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of types) {
    // The root type is described by its fields.
    if (type.name !== "Query") check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (FEDERATION_FIELDS.has(coordinate)) continue;
        check(coordinate, field.description);
        for (const arg of field.args) check(`${coordinate}(${arg.name}:)`, arg.description);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        check(`${type.name}.${field.name}`, field.description);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}

describe("schema descriptions", () => {
  it("describe every type, field, argument and enum value", async () => {
    const schema = await buildOrdersSubgraphSchema();
    const ours = Object.values(schema.getTypeMap()).filter(isOurs);
    expect(ours.map((type) => type.name)).toEqual(
      expect.arrayContaining(["MiniStoreOrder", "Weixin12315Order", "Money"]),
    );
    expect(undescribed(ours)).toEqual([]);
  });

  it("notices a missing description", () => {
    const bare = new GraphQLObjectType({ name: "Bare", fields: { value: { type: GraphQLString } } });
    expect(undescribed([bare])).toEqual(["Bare", "Bare.value"]);
  });
});
