import { readFileSync } from "node:fs";

import {
  Kind,
  parse,
  print,
  type DocumentNode,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";
import { composeSupergraph } from "./support/supergraph.js";

// The orders subgraph as a router sees it: its published SDL, `_entities` by every key, and ftv1.

let stack: TestStack;
let sdl: string;
let document: DocumentNode;

beforeAll(async () => {
  stack = await startTestStack();
  const response = await stack.graphql<{ _service: { sdl: string } }>("{ _service { sdl } }");
  sdl = response.data!._service.sdl;
  document = parse(sdl);
});

afterAll(async () => {
  await stack?.close();
});

const objectTypes = () =>
  document.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);

const directiveArgs = (type: ObjectTypeDefinitionNode, directive: string) =>
  (type.directives ?? [])
    .filter((d) => d.name.value === directive)
    .map((d) => (d.arguments?.[0]?.value as StringValueNode | undefined)?.value);

describe("published SDL (`_service { sdl }`)", () => {
  it("is the committed schema.graphql", () => {
    expect(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8")).toBe(`${sdl.trimEnd()}\n`);
  });

  it("links a Federation v2.x version that both @apollo/subgraph and @apollo/composition support", () => {
    const link = /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v(\d+)\.(\d+)"/.exec(sdl);
    expect(link).not.toBeNull();
    expect(Number(link![1])).toBe(2);
    // The subgraph library built this SDL with that version, and composition rejects a version it
    // does not know: composing it alone, cleanly, shows both support it.
    expect(composeSupergraph([{ name: "orders", url: "http://orders:4000/graphql", sdl }]).hints).toEqual([]);
  });

  it("declares the contract's entities and keys, and nothing else as an entity", () => {
    const keys = Object.fromEntries(
      objectTypes()
        .map((t) => [t.name.value, directiveArgs(t, "key")] as const)
        .filter(([, k]) => k.length > 0),
    );
    expect(keys).toEqual({ MiniStoreOrder: ["id", "orderId"], Weixin12315Order: ["id", "orderNumber"] });
    expect(sdl).toContain("union _Entity = MiniStoreOrder | Weixin12315Order");
  });

  it("marks the shared value types @shareable, PageInfo with exactly the four Relay fields", () => {
    const shareable = objectTypes().filter((t) => directiveArgs(t, "shareable").length > 0);
    expect(shareable.map((t) => t.name.value).sort()).toEqual(["Money", "PageInfo"]);
    const fields = (name: string) =>
      shareable.find((t) => t.name.value === name)!.fields!.map((f) => `${f.name.value}: ${print(f.type)}`);
    expect(fields("PageInfo")).toEqual([
      "hasNextPage: Boolean!",
      "hasPreviousPage: Boolean!",
      "startCursor: String",
      "endCursor: String",
    ]);
    expect(fields("Money")).toEqual(["amount: String!", "currency: String!", "minorUnits: SafeInt!"]);
  });
});

describe("_entities", () => {
  const ENTITIES = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on MiniStoreOrder { id orderId orderNumber }
      ... on Weixin12315Order { id orderId orderNumber }
    }
  }`;

  /** The `id` the subgraph issues for an order, asked of the subgraph itself. */
  async function idOf(source: "MINI_STORE" | "WEIXIN12315", orderNumber: string): Promise<string> {
    const response = await stack.graphql<{ orderByNumber: { id: string } }>(
      `query ($source: OrderSource!, $orderNumber: String!) {
        orderByNumber(source: $source, orderNumber: $orderNumber) { ... on OrderCommon { id } }
      }`,
      { source, orderNumber },
    );
    return response.data!.orderByNumber.id;
  }

  it("resolves both entities by every key, one upstream call per distinct order whatever the key", async () => {
    const [w1, w2] = stack.wechat.orders().map((o) => o.order_id.toString());
    const [x1, x2] = stack.weixin12315
      .orders()
      .map((o) => ({ orderId: o.orderid, orderNumber: o.ordernumber }));
    const [w1Id, x1Id] = [await idOf("MINI_STORE", w1!), await idOf("WEIXIN12315", x1!.orderNumber)];
    stack.wechat.resetStats();
    stack.weixin12315.resetStats();

    const response = await stack.graphql(ENTITIES, {
      representations: [
        { __typename: "MiniStoreOrder", id: w1Id },
        { __typename: "MiniStoreOrder", orderId: w1 },
        { __typename: "MiniStoreOrder", orderId: w2 },
        { __typename: "Weixin12315Order", id: x1Id },
        { __typename: "Weixin12315Order", orderNumber: x1!.orderNumber },
        { __typename: "Weixin12315Order", orderNumber: x2!.orderNumber },
        // Unknown upstream keys, and an id of the other source: null, as an unknown order is.
        { __typename: "MiniStoreOrder", orderId: "1" },
        { __typename: "Weixin12315Order", orderNumber: "fw0000000000000000" },
        { __typename: "MiniStoreOrder", id: x1Id },
        { __typename: "Weixin12315Order", id: w1Id },
        // Not a uint64, so no WeChat order_id: null without an upstream call.
        { __typename: "MiniStoreOrder", orderId: "18446744073709551616" },
        { __typename: "MiniStoreOrder", orderId: "12a" },
      ],
    });

    const mini = (id: string, orderId: string) => ({
      __typename: "MiniStoreOrder",
      id,
      orderId,
      orderNumber: orderId,
    });
    const wx = (id: string, o: { orderId: string; orderNumber: string }) => ({
      __typename: "Weixin12315Order",
      id,
      ...o,
    });
    expect(response.errors).toBeUndefined();
    const entities = response.data!._entities as { id: string }[];
    expect(entities).toEqual([
      mini(w1Id, w1!),
      mini(w1Id, w1!),
      mini(entities[2]!.id, w2!),
      wx(x1Id, x1!),
      wx(x1Id, x1!),
      wx(entities[5]!.id, x2!),
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    // w1 twice (by id and by orderId) is one call; the foreign and out-of-range keys cost nothing.
    expect(stack.wechat.stats().calls).toEqual({ "product/order/get": 3 });
    expect(stack.weixin12315.stats().calls).toEqual({ "md.shop.order.list": 3 });
  });

  it("a representation without a usable key fails alone, with a message naming the keys", async () => {
    const [w1] = stack.wechat.orders().map((o) => o.order_id.toString());
    const response = await stack.graphql(ENTITIES, {
      representations: [
        { __typename: "MiniStoreOrder", orderId: w1 },
        { __typename: "MiniStoreOrder", orderId: 42 },
        { __typename: "Weixin12315Order" },
      ],
    });
    expect((response.data!._entities as unknown[])[0]).toMatchObject({ orderId: w1 });
    expect((response.data!._entities as unknown[]).slice(1)).toEqual([null, null]);
    expect(response.errors?.map((e) => [e.path, e.extensions?.code, e.message])).toEqual([
      [
        ["_entities", 1],
        "BAD_USER_INPUT",
        'A MiniStoreOrder representation needs a string `id` or `orderId` (its @key fields), got the fields ["__typename","orderId"]',
      ],
      [
        ["_entities", 2],
        "BAD_USER_INPUT",
        'A Weixin12315Order representation needs a string `id` or `orderNumber` (its @key fields), got the fields ["__typename"]',
      ],
    ]);
  });
});

describe("federated tracing (ftv1)", () => {
  const query = "{ _service { sdl } }";

  it("adds extensions.ftv1 when the router asks with apollo-federation-include-trace: ftv1", async () => {
    const traced = await stack.graphql(query, undefined, { "apollo-federation-include-trace": "ftv1" });
    expect(traced.extensions?.ftv1).toEqual(expect.stringMatching(/^[A-Za-z0-9+/]+=*$/));
  });

  it("adds nothing when not asked", async () => {
    const plain = await stack.graphql(query);
    expect(plain.extensions?.ftv1).toBeUndefined();
  });
});
