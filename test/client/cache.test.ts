// What a back office relies on in Apollo Client's cache: union and interface fragments resolve to each
// source's member (thanks to the generated possibleTypes), an order fetched by a list and by
// `order(id)` is one normalized entry holding both queries' fields, and buyer data follows the scope.
import { ApolloClient, HttpLink, InMemoryCache, type NormalizedCacheObject } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import {
  MiniStoreOrdersDocument,
  OrderByNumberDocument,
  OrderDetailDocument,
  OrderListDocument,
  Weixin12315OrdersDocument,
  type OrderDetailQuery,
} from "../../examples/__generated__/operations.js";
import type { WechatSimOrder } from "../../src/simulators/wechat/index.js";
import type { Weixin12315SimOrder } from "../../src/simulators/weixin12315/index.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import { createOrdersClient } from "./apollo-client.js";
import { createdAtOf, mergedRows, rowOf, windowCovering, type ExpectedRow } from "./expected-orders.js";

type DetailOrder = NonNullable<OrderDetailQuery["order"]>;

/** The normalized cache entry of an order: one per `__typename` + `id`. */
function cacheEntry(client: ApolloClient, __typename: DetailOrder["__typename"], id: string) {
  const key = client.cache.identify({ __typename, id });
  return { key, entry: (client.cache.extract() as NormalizedCacheObject)[key!] };
}

describe("Apollo Client cache over the orders subgraph", () => {
  let stack: TestStack;
  let clients: ApolloClient[] = [];
  let merged: ExpectedRow[];
  let ordersFilter: { createdAfter: string; createdBefore: string };

  const newClient = (headers?: Record<string, string>) => {
    const client = createOrdersClient({ uri: `${stack.url}/graphql`, ...(headers ? { headers } : {}) });
    clients.push(client);
    return client;
  };

  /** A WeChat order with everything the detail page shows: payment, parcels and after-sale cases. */
  const richWechatOrder = (): WechatSimOrder => {
    const order = stack.wechat
      .orders({ source: 1 })
      .find(
        (o) =>
          o.order_detail.pay_info?.transaction_id &&
          (o.order_detail.delivery_info.delivery_product_info?.length ?? 0) > 0 &&
          (o.aftersale_detail?.aftersale_order_list.length ?? 0) > 0,
      );
    if (!order) throw new Error("seeded WeChat data has no paid, shipped order with an after-sale case");
    return order;
  };

  const weixin12315Order = (status: Weixin12315SimOrder["orderstatus"]): Weixin12315SimOrder => {
    const order = stack.weixin12315.orders().find((o) => o.orderstatus === status && o.items.length > 0);
    if (!order) throw new Error(`seeded weixin12315 data has no ${status} order`);
    return order;
  };

  /** The first page of the WeChat tab, narrowed to one order's creation second. */
  const miniStoreListOf = (
    client: ApolloClient,
    order: WechatSimOrder,
    fetchPolicy: "cache-first" | "network-only" = "cache-first",
  ) => {
    const at = windowCovering([createdAtOf(order)]);
    return client.query({
      query: MiniStoreOrdersDocument,
      variables: { filter: { createdAfter: at.after, createdBefore: at.before }, first: 100 },
      fetchPolicy,
    });
  };

  beforeAll(async () => {
    stack = await startTestStack({ orderCount: 150, seed: 11 });
    merged = mergedRows(stack);
    const window = windowCovering(merged.map((row) => row.createdAt));
    ordersFilter = { createdAfter: window.after, createdBefore: window.before };
  });

  afterAll(async () => {
    for (const client of clients) client.stop();
    clients = [];
    await stack?.close();
  });

  it("resolves `... on OrderCommon` and member fragments to each source's types", async () => {
    const { data } = await newClient().query({
      query: OrderListDocument,
      variables: { filter: ordersFilter, first: 100 },
    });
    const nodes = data?.orders.edges.map((edge) => edge.node) ?? [];
    // Each row is the member of its own source: WeChat orders MiniStoreOrder, 12315 orders Weixin12315Order.
    expect(nodes.map(rowOf)).toEqual(merged.slice(0, 100));
    expect(new Set(nodes.map((node) => node.__typename))).toEqual(
      new Set(["MiniStoreOrder", "Weixin12315Order"]),
    );

    for (const node of nodes) {
      expect(node.id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(node.createdAt).toMatch(/\+08:00$/);
      if (node.__typename === "MiniStoreOrder") {
        expect(node.source).toBe("MINI_STORE");
        expect(node.miniStoreStatus).toEqual(expect.any(String));
        expect(node.orderNumber).toBe(node.orderId);
        for (const line of node.products) expect(line.__typename).toBe("MiniStoreProductInfo");
      } else {
        expect(node.source).toBe("WEIXIN12315");
        expect(node.weixin12315Status).toEqual(expect.any(String));
        for (const line of node.products) {
          expect(line.__typename).toBe("Weixin12315OrderItem");
          expect(line.skuId).toBeNull();
        }
      }
      for (const line of node.products) {
        expect(line.productId).toMatch(/^\d+$/);
        expect(line.quantity).toBeGreaterThan(0);
      }
    }
  });

  it("needs the generated possibleTypes: without them every row loses its fields", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const bare = new ApolloClient({
      link: new HttpLink({ uri: `${stack.url}/graphql`, fetch }),
      cache: new InMemoryCache({
        typePolicies: { Query: { fields: { orders: relayStylePagination(["filter"]) } } },
      }),
    });
    try {
      const { data } = await bare.query({
        query: OrderListDocument,
        variables: { filter: ordersFilter, first: 5 },
      });
      expect(data?.orders.edges).toHaveLength(5);
      for (const edge of data?.orders.edges ?? []) expect(Object.keys(edge.node)).toEqual(["__typename"]);
      expect(warn.mock.calls.join("\n")).toMatch(/possibleTypes/);
    } finally {
      bare.stop();
      warn.mockRestore();
    }
  });

  it("shows a WeChat order's products, payment, parcels and after-sale on the detail page", async () => {
    const order = richWechatOrder();
    const client = newClient();
    const { data: list } = await miniStoreListOf(client, order);
    const row = list?.miniStoreOrders.edges.find((edge) => edge.node.orderId === order.order_id.toString());
    expect(row).toBeDefined();

    const { data } = await client.query({ query: OrderDetailDocument, variables: { id: row!.node.id } });
    const detail = data?.order as Extract<DetailOrder, { __typename: "MiniStoreOrder" }>;
    expect(detail.__typename).toBe("MiniStoreOrder");
    expect(detail.products.map((line) => [line.__typename, line.productId, line.skuId])).toEqual(
      order.order_detail.product_infos.map((p) => [
        "MiniStoreProductInfo",
        p.product_id.toString(),
        p.sku_id.toString(),
      ]),
    );
    expect(detail.payInfo).toMatchObject({
      __typename: "MiniStorePayInfo",
      method: order.order_detail.pay_info!.pay_method,
      transactionId: order.order_detail.pay_info!.transaction_id,
      amount: { minorUnits: order.order_detail.price_info.order_price },
    });
    const delivery = detail.deliveryInfo;
    expect(delivery?.__typename).toBe("MiniStoreDeliveryInfo");
    if (delivery?.__typename !== "MiniStoreDeliveryInfo") return;
    expect(delivery.shipments.map((s) => s.waybillId)).toEqual(
      order.order_detail.delivery_info.delivery_product_info!.map((s) => s.waybill_id),
    );
    expect(detail.aftersale).toMatchObject({
      __typename: "MiniStoreAftersale",
      inProgressCount: order.aftersale_detail!.on_aftersale_order_cnt,
      aftersaleOrders: order.aftersale_detail!.aftersale_order_list.map((a) => ({
        aftersaleOrderId: a.aftersale_order_id.toString(),
        status: a.status,
      })),
    });
  });

  it("shows a weixin12315 order's lines and derives its after-sale from the refund status", async () => {
    const client = newClient();
    for (const [status, aftersale] of [
      [
        "退款订单",
        { __typename: "Weixin12315Aftersale", inProgressCount: 1, caseCount: 1, sourceStatus: "退款订单" },
      ],
      ["完成交易", null],
    ] as const) {
      const order = weixin12315Order(status);
      const { data } = await client.query({
        query: OrderByNumberDocument,
        variables: { source: "WEIXIN12315", orderNumber: order.ordernumber },
      });
      const detail = data?.orderByNumber;
      expect(detail).toMatchObject({
        __typename: "Weixin12315Order",
        orderId: order.orderid,
        sourceStatus: status,
      });
      expect(
        detail?.products.map((line) => line.__typename === "Weixin12315OrderItem" && line.recordId),
      ).toEqual(order.items.map((item) => String(item.recordID)));
      expect(detail?.aftersale ?? null).toEqual(aftersale);
    }
  });

  it("normalizes by id: the list row and order(id) are one cache entry holding both queries' fields", async () => {
    const order = richWechatOrder();
    const client = newClient();
    const { data: list } = await miniStoreListOf(client, order);
    const row = list!.miniStoreOrders.edges.find(
      (edge) => edge.node.orderId === order.order_id.toString(),
    )!.node;
    await client.query({ query: OrderDetailDocument, variables: { id: row.id } });

    const { key, entry } = cacheEntry(client, "MiniStoreOrder", row.id);
    expect(key).toBe(`MiniStoreOrder:${row.id}`);
    // From the list only: extInfo; from the detail only: payInfo, deliveryInfo; merged: priceInfo.
    expect(entry).toHaveProperty("extInfo");
    expect(entry).toHaveProperty("payInfo.transactionId", order.order_detail.pay_info!.transaction_id);
    expect(entry).toHaveProperty("deliveryInfo.shipments");
    expect(entry).toHaveProperty(
      "priceInfo.orderPrice.minorUnits",
      order.order_detail.price_info.order_price,
    );
    expect(entry).toHaveProperty(
      "priceInfo.productPrice.minorUnits",
      order.order_detail.price_info.product_price,
    );

    // The list refreshed from the network keeps what only the detail page asked for.
    await miniStoreListOf(client, order, "network-only");
    const refreshed = client.readQuery({ query: OrderDetailDocument, variables: { id: row.id } });
    expect(refreshed?.order?.__typename).toBe("MiniStoreOrder");
    expect(refreshed?.order?.products[0]?.unitPrice?.minorUnits).toBe(
      order.order_detail.product_infos[0]!.sale_price,
    );

    // The search box lands on the same entry.
    const { data: found } = await client.query({
      query: OrderByNumberDocument,
      variables: { source: "MINI_STORE", orderNumber: order.order_id.toString() },
      fetchPolicy: "network-only",
    });
    expect(client.cache.identify(found!.orderByNumber!)).toBe(key);
  });

  it("normalizes weixin12315 orders the same way across the 12315 tab and order(id)", async () => {
    const order = weixin12315Order("待收货");
    const at = windowCovering([createdAtOf(order)]);
    const client = newClient();
    const { data: list } = await client.query({
      query: Weixin12315OrdersDocument,
      variables: { filter: { orderedAfter: at.after, orderedBefore: at.before }, first: 100 },
    });
    const row = list!.weixin12315Orders.edges.find(
      (edge) => edge.node.orderNumber === order.ordernumber,
    )!.node;
    await client.query({ query: OrderDetailDocument, variables: { id: row.id } });

    const { entry } = cacheEntry(client, "Weixin12315Order", row.id);
    expect(entry).toHaveProperty("passTime"); // list only
    expect(entry).toHaveProperty("payInfo.method", order.payway); // detail only
    expect(entry).toMatchObject({ orderId: order.orderid, usePoints: Number(order.usepoints) });
  });

  it("masks buyer personal data unless the scope header grants orders:pii", async () => {
    const order = richWechatOrder();
    const address = order.order_detail.delivery_info.address_info!;
    const recipientOf = async (client: ApolloClient) => {
      const { data } = await client.query({
        query: OrderByNumberDocument,
        variables: { source: "MINI_STORE", orderNumber: order.order_id.toString() },
      });
      return data?.orderByNumber?.deliveryInfo;
    };

    const masked = await recipientOf(newClient());
    expect(masked?.phone).not.toBe(address.tel_number);
    expect(masked?.phone).toContain("*");
    expect(await recipientOf(newClient(stack.piiHeaders))).toMatchObject({
      recipientName: address.user_name,
      phone: address.tel_number,
      addressLine: address.detail_info,
    });
  });
});
