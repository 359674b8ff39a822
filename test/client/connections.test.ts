// A real Apollo Client 4 walks the three connections of the real server (simulators behind it) with
// fetchMore, and its cache ends up holding exactly the simulators' orders, in the contract's order.
import type { ApolloClient } from "@apollo/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  MiniStoreOrdersDocument,
  OrderFeedDocument,
  OrderListDocument,
  Weixin12315OrdersDocument,
} from "../../examples/__generated__/operations.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import { createOrdersClient } from "./apollo-client.js";
import {
  mergedRows,
  miniStoreRows,
  rowOf,
  weixin12315Rows,
  windowCovering,
  type ExpectedRow,
} from "./expected-orders.js";
import { walkConnection } from "./walk-connection.js";

const PAGE_SIZE = 37;

describe("Apollo Client walks the connections with fetchMore and relayStylePagination", () => {
  let stack: TestStack;
  let clients: ApolloClient[] = [];
  let merged: ExpectedRow[];
  let window: { after: string; before: string };

  /** A fresh client (empty cache) per walk, so walks cannot lean on each other's pages. */
  const newClient = () => {
    const client = createOrdersClient({ uri: `${stack.url}/graphql` });
    clients.push(client);
    return client;
  };

  const expectExactly = (rows: ExpectedRow[], expected: ExpectedRow[]) => {
    expect(new Set(rows.map((row) => `${row.__typename}:${row.orderId}`)).size).toBe(rows.length);
    expect(rows).toEqual(expected);
  };

  beforeAll(async () => {
    stack = await startTestStack({ orderCount: 150, seed: 10 });
    merged = mergedRows(stack);
    window = windowCovering(merged.map((row) => row.createdAt));
  });

  afterAll(async () => {
    for (const client of clients) client.stop();
    clients = [];
    await stack?.close();
  });

  it("orders: the infinite-scroll feed ends with every order of both shops, newest first, once", async () => {
    const filter = { createdAfter: window.after, createdBefore: window.before };
    const { data, requests } = await walkConnection(
      newClient(),
      OrderFeedDocument,
      { filter, first: PAGE_SIZE },
      (d) => d.orders.pageInfo,
    );

    const rows = data.orders.edges.map((edge) => rowOf(edge.node));
    expect(new Set(rows.map((row) => row.__typename))).toEqual(
      new Set(["MiniStoreOrder", "Weixin12315Order"]),
    );
    expectExactly(rows, merged);
    expect(requests).toBe(Math.ceil(merged.length / PAGE_SIZE));
    // Digit-exact ids above 2^53 survive the trip into the cache.
    expect(rows.some((row) => row.__typename === "MiniStoreOrder" && BigInt(row.orderId) > 2n ** 53n)).toBe(
      true,
    );
  });

  it("orders: walking back from the last page with last/before gives the same list and totalCount", async () => {
    const filter = { createdAfter: window.after, createdBefore: window.before };
    const { data } = await walkConnection(
      newClient(),
      OrderListDocument,
      { filter, last: PAGE_SIZE },
      (d) => d.orders.pageInfo,
      "backward",
    );

    expectExactly(
      data.orders.edges.map((edge) => rowOf(edge.node)),
      merged,
    );
    expect(data.orders.totalCount).toBe(merged.length);
  });

  it("miniStoreOrders: the WeChat tab ends with exactly the simulator's Mini Store orders", async () => {
    const expected = miniStoreRows(stack);
    const { data } = await walkConnection(
      newClient(),
      MiniStoreOrdersDocument,
      { filter: { createdAfter: window.after, createdBefore: window.before }, first: PAGE_SIZE },
      (d) => d.miniStoreOrders.pageInfo,
    );

    expectExactly(
      data.miniStoreOrders.edges.map((edge) => rowOf(edge.node)),
      expected,
    );
    expect(data.miniStoreOrders.totalCount).toBe(expected.length);
  });

  it("weixin12315Orders: the 12315 tab ends with exactly the simulator's orders", async () => {
    const expected = weixin12315Rows(stack);
    const { data } = await walkConnection(
      newClient(),
      Weixin12315OrdersDocument,
      { filter: { orderedAfter: window.after, orderedBefore: window.before }, first: PAGE_SIZE },
      (d) => d.weixin12315Orders.pageInfo,
    );

    expectExactly(
      data.weixin12315Orders.edges.map((edge) => rowOf(edge.node)),
      expected,
    );
    expect(data.weixin12315Orders.totalCount).toBe(expected.length);
  });

  it("keeps one cached list per filter: a status-filtered walk neither mixes into nor disturbs the full list", async () => {
    const client = newClient();
    const all = { createdAfter: window.after, createdBefore: window.before };
    const shipped = { ...all, statuses: ["SHIPPED" as const, "COMPLETED" as const] };
    await walkConnection(client, OrderFeedDocument, { filter: all, first: 50 }, (d) => d.orders.pageInfo);
    const { data } = await walkConnection(
      client,
      OrderFeedDocument,
      { filter: shipped, first: 50 },
      (d) => d.orders.pageInfo,
    );

    const shippedIds = new Set([
      ...stack.wechat
        .orders({ source: 1 })
        .filter((o) => o.status === 30 || o.status === 100)
        .map((o) => `MiniStoreOrder:${o.order_id}`),
      ...stack.weixin12315
        .orders()
        .filter((o) => o.orderstatus === "待收货" || o.orderstatus === "完成交易")
        .map((o) => `Weixin12315Order:${o.orderid}`),
    ]);
    const expected = merged.filter((row) => shippedIds.has(`${row.__typename}:${row.orderId}`));
    expect(expected.length).toBeGreaterThan(0);
    expectExactly(
      data.orders.edges.map((edge) => rowOf(edge.node)),
      expected,
    );

    const full = client.readQuery({ query: OrderFeedDocument, variables: { filter: all } });
    expectExactly(full?.orders.edges.map((edge) => rowOf(edge.node)) ?? [], merged);
  });
});
