// The subgraph as the router sees it: `_service { sdl }`, the committed schema.graphql, composition,
// entity keys, shareable value types and the buyer-personal-data markings.
import { readFileSync } from "node:fs";

import { composeServices } from "@apollo/composition";
import {
  execute,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  print,
  visit,
} from "graphql";
import { gql } from "graphql-tag";
import { beforeAll, describe, expect, it } from "vitest";

import { buildOrdersSubgraphSchema, printOrdersSubgraphSdl } from "../../src/resolvers/orders-subgraph.js";

/** Every buyer-personal-data field: `Type.field` → kind. */
const PERSONAL_DATA = {
  "OrderCommon.buyerOpenid": "openid",
  "MiniStoreOrder.buyerOpenid": "openid",
  "Weixin12315Order.buyerOpenid": "openid",
  "Weixin12315Order.nickname": "nickname",
  "DeliveryInfoCommon.recipientName": "name",
  "DeliveryInfoCommon.phone": "phone",
  "DeliveryInfoCommon.addressLine": "address",
  "DeliveryInfoCommon.postalCode": "postalCode",
  "MiniStoreDeliveryInfo.recipientName": "name",
  "MiniStoreDeliveryInfo.phone": "phone",
  "MiniStoreDeliveryInfo.addressLine": "address",
  "MiniStoreDeliveryInfo.postalCode": "postalCode",
  "Weixin12315DeliveryInfo.recipientName": "name",
  "Weixin12315DeliveryInfo.phone": "phone",
  "Weixin12315DeliveryInfo.addressLine": "address",
  "Weixin12315DeliveryInfo.postalCode": "postalCode",
  "MiniStoreAddress.userName": "name",
  "MiniStoreAddress.telNumber": "phone",
  "MiniStoreAddress.detailInfo": "address",
  "MiniStoreAddress.postalCode": "postalCode",
};

describe("orders subgraph SDL", () => {
  let schema: GraphQLSchema;
  let sdl: string;
  beforeAll(async () => {
    schema = await buildOrdersSubgraphSchema();
    sdl = await printOrdersSubgraphSdl();
  });

  it("serves `_service { sdl }` exactly as printed, and schema.graphql is up to date (npm run codegen)", async () => {
    const result = await execute({ schema, document: parse("{ _service { sdl } }") });
    expect(result.errors).toBeUndefined();
    expect((result.data?._service as { sdl: string }).sdl).toBe(sdl);
    const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    expect(committed).toBe(`${sdl.trimEnd()}\n`);
  });

  it("links a federation 2 spec and composes into a supergraph without errors", () => {
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    const composed = composeServices([
      { name: "orders", url: "http://orders.invalid/graphql", typeDefs: gql(sdl) },
    ]);
    expect(composed.errors ?? []).toEqual([]);
  });

  it("declares the entity keys and shareable value types of the contract", () => {
    const oneLine = sdl.replace(/\s+/g, " "); // the printer may put each directive on its own line
    expect(oneLine).toContain(
      'type MiniStoreOrder implements Node & OrderCommon @key(fields: "id") @key(fields: "orderId")',
    );
    expect(oneLine).toContain(
      'type Weixin12315Order implements Node & OrderCommon @key(fields: "id") @key(fields: "orderNumber")',
    );
    expect(oneLine).toMatch(/type Money @shareable/);
    expect(sdl).not.toMatch(/:\s*Float/);
  });

  it("marks every buyer personal data field, and only those", () => {
    expect(personalDataMarksOf(schema)).toEqual(PERSONAL_DATA);
  });

  it("carries no @requiresScopes by default (PII_REQUIRES_SCOPES off), so every gateway loads it", () => {
    expect(sdl).not.toContain("requiresScopes");
    expect(sdl).toContain(
      '@link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key", "@shareable"])',
    );
  });
});

describe("orders subgraph SDL with PII_REQUIRES_SCOPES=on", () => {
  let schema: GraphQLSchema;
  let sdl: string;
  beforeAll(async () => {
    schema = await buildOrdersSubgraphSchema({ requiresScopes: true });
    sdl = await printOrdersSubgraphSdl({ requiresScopes: true });
  });

  it("links federation v2.5 (where @requiresScopes arrived) and imports the directive", () => {
    expect(sdl).toContain(
      '@link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@requiresScopes"])',
    );
  });

  it("requires the orders:pii scope on object fields; federation forbids it on interface fields", () => {
    const scoped = [...sdl.matchAll(/^type (\w+)[^{]*\{([^}]*)\}/gm)].flatMap(([, type, body]) =>
      [...body!.matchAll(/^\s+(\w+)[^\n]*@requiresScopes\(scopes: \[\["orders:pii"\]\]\)/gm)].map(
        ([, field]) => `${type}.${field}`,
      ),
    );
    const objectFields = Object.keys(PERSONAL_DATA).filter(
      (c) => !/^(OrderCommon|DeliveryInfoCommon)\./.test(c),
    );
    expect(scoped.sort()).toEqual(objectFields.sort());
    expect(sdl).not.toMatch(/^interface[^{]*\{[^}]*@requiresScopes/m);
  });

  it("declares the same types and fields as the default SDL, only with the directive added", async () => {
    expect(typeDefinitionsOf(sdl)).toBe(typeDefinitionsOf(await printOrdersSubgraphSdl()));
    expect(typeDefinitionsOf(sdl)).toContain("type MiniStoreOrder");
  });

  it("keeps the personal-data marks the server masks by", () => {
    expect(personalDataMarksOf(schema)).toEqual(PERSONAL_DATA);
  });
});

/**
 * The SDL's types and fields without `@requiresScopes`, the federation version's own definitions
 * (directives, `federation__*` scalars, which differ by version) and the @link.
 */
function typeDefinitionsOf(sdl: string): string {
  const document = visit(parse(sdl), {
    [Kind.DIRECTIVE]: (node) => (node.name.value === "requiresScopes" ? null : undefined),
  });
  const own = document.definitions.filter(
    (d) =>
      d.kind !== Kind.DIRECTIVE_DEFINITION &&
      d.kind !== Kind.SCHEMA_DEFINITION &&
      d.kind !== Kind.SCHEMA_EXTENSION &&
      !("name" in d && d.name?.value.startsWith("federation__")),
  );
  return print({ ...document, definitions: own });
}

/** `Type.field` → kind of every field the server masks (its `personalData` extension). */
function personalDataMarksOf(schema: GraphQLSchema): Record<string, unknown> {
  const marked: Record<string, unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions.personalData) marked[`${type.name}.${field.name}`] = field.extensions.personalData;
    }
  }
  return marked;
}
