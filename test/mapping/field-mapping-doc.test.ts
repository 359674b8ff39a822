// docs/field-mapping.md must have a row for every upstream field: every leaf of both documents' example
// responses and every key of the wire schemas (which add the documented fields the examples omit).
// Every order path it names (`MiniStoreOrder.…`, `Weixin12315Order.…`) must exist in the schema.
import { readFileSync } from "node:fs";

import { getNamedType, type GraphQLSchema, isInterfaceType, isObjectType } from "graphql";
import { isLosslessNumber, parse } from "lossless-json";
import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { miniStoreOrderListResponse } from "../../src/datasources/wechat/wire.js";
import { weixin12315OrderListResponse } from "../../src/datasources/weixin12315/wire.js";
import { wechatExampleText, weixin12315ExampleText } from "./example-orders.js";
import { subgraphSchema } from "./execute-operation.js";

const doc = readFileSync(new URL("../../docs/field-mapping.md", import.meta.url), "utf8");

/** First-column paths of the table under the given heading. */
function documentedFields(heading: string): Set<string> {
  const section = doc.split(/^## /m).find((part) => part.startsWith(heading));
  if (!section) throw new Error(`docs/field-mapping.md has no section "${heading}"`);
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return new Set(rows.map((row) => /^\| `([^`]+)`/.exec(row)![1]!));
}

/** Leaf paths of a JSON value; list elements are written `[]`, and paths inside an order start at the order. */
function leafPaths(value: unknown, orderList: string, path = ""): string[] {
  if (path === orderList && Array.isArray(value)) return value.flatMap((order) => leafPaths(order, ""));
  if (Array.isArray(value)) return value.flatMap((item) => leafPaths(item, orderList, `${path}[]`));
  if (value !== null && typeof value === "object" && !isLosslessNumber(value)) {
    return Object.entries(value).flatMap(([key, item]) =>
      leafPaths(item, orderList, path ? `${path}.${key}` : key),
    );
  }
  return [path];
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Key paths of a zod wire schema, seen through preprocess pipes, nullables and arrays. */
function schemaPaths(schema: z.ZodType, orderList: string, path = ""): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case "pipe": {
      const inner = defOf(def.in!).type === "transform" ? def.out! : def.in!;
      return schemaPaths(inner, orderList, path);
    }
    case "nullable":
    case "optional":
      return schemaPaths(def.innerType!, orderList, path);
    case "array":
      return path === orderList
        ? schemaPaths(def.element!, "")
        : schemaPaths(def.element!, orderList, `${path}[]`);
    case "object":
      return Object.entries(def.shape!).flatMap(([key, item]) =>
        schemaPaths(item, orderList, path ? `${path}.${key}` : key),
      );
    default:
      return [path];
  }
}

/** Resolves `Type.field.list[].field` against the schema. */
function pathExists(schema: GraphQLSchema, path: string): boolean {
  const [typeName, ...fields] = path.split(".");
  let type = schema.getType(typeName!);
  for (const field of fields) {
    if (!type || (!isObjectType(type) && !isInterfaceType(type))) return false;
    const found = type.getFields()[field.replace(/\[\]$/, "")];
    if (!found) return false;
    type = getNamedType(found.type);
  }
  return type !== undefined;
}

const sources = [
  {
    heading: "WeChat Mini Store",
    example: wechatExampleText,
    orderList: "orders",
    wire: miniStoreOrderListResponse,
  },
  {
    heading: "weixin12315 mall",
    example: weixin12315ExampleText,
    orderList: "return_data.orders",
    wire: weixin12315OrderListResponse,
  },
] as const;

describe.each(sources)("docs/field-mapping.md: $heading", ({ heading, example, orderList, wire }) => {
  const documented = documentedFields(heading);

  it("has a row for every leaf of the example response", () => {
    const leaves = new Set(leafPaths(parse(example), orderList));
    expect(leaves.size).toBeGreaterThan(20);
    expect([...leaves].filter((leaf) => !documented.has(leaf))).toEqual([]);
  });

  it("has a row for every field of the wire schema", () => {
    const keys = new Set(schemaPaths(wire as unknown as z.ZodType, orderList));
    expect([...keys].filter((key) => !documented.has(key))).toEqual([]);
  });

  it("names only GraphQL paths that exist", async () => {
    const schema = await subgraphSchema();
    const section = doc.split(/^## /m).find((part) => part.startsWith(heading))!;
    const paths = [...section.matchAll(/`((?:MiniStoreOrder|Weixin12315Order)(?:\.\w+(?:\[\])?)+)`/g)].map(
      (m) => m[1]!,
    );
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((path) => !pathExists(schema, path))).toEqual([]);
  });
});
