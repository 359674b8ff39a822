// "We validate what we return": list rows are checked for their order key only; a row's other fields
// are validated (and mapped) only when a page returns it. Malformed rows are planted through the
// simulators' admin APIs and read over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { encodeOrderNodeId } from "../../src/schema/node-id.js";
import { formatChinaIso, formatChinaLocalTime } from "../../src/shared/china-time.js";
import { formatChinaSlashTime } from "../../src/simulators/weixin12315/time-text.js";
import { startTestStack, type GraphqlResponse, type TestStack } from "../support/stack.js";
import { miniStoreTruth, weixin12315Truth } from "./support/sim-truth.js";

let stack: TestStack;
/** A quiet minute (unix seconds of its first second) holding only the orders planted here. */
let minute: number;
const at = (second: number) => new Date((minute + second) * 1000);

async function admin(base: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

/** The planted order created at `second` of the minute, from the simulators' own records (ids digit-exact). */
const wechatAt = (second: number) =>
  stack.wechat.orders({ status: 20 }).find((o) => o.create_time === formatChinaLocalTime(at(second)))!;
const weixin12315At = (second: number) =>
  stack.weixin12315.orders().find((o) => o.ordertime === formatChinaSlashTime(at(second)))!;

/** Inserts one PENDING_SHIPMENT WeChat order created at `second` of the minute; `fields` are merged into it. */
async function plantWechat(second: number, fields: Record<string, unknown> = {}): Promise<void> {
  await admin(stack.wechat.url, "/__sim/orders", {
    orders: [fields],
    createTime: formatChinaLocalTime(at(second)),
    status: 20,
  });
}

async function plantWeixin12315(second: number, fields: Record<string, unknown> = {}): Promise<void> {
  await admin(stack.weixin12315.url, "/__sim/orders", {
    orders: [fields],
    ordertime: formatChinaLocalTime(at(second)),
  });
}

const window = () => ({ createdAfter: formatChinaIso(at(0)), createdBefore: formatChinaIso(at(59)) });

interface Page {
  edges: { node: { source: string; orderId: string } }[];
  pageInfo: { hasNextPage: boolean };
}

const ORDERS = `query ($first: Int!, $filter: OrderFilter) {
  orders(first: $first, filter: $filter) {
    edges { node { ... on OrderCommon { source orderId totalAmount { amount } } } }
    pageInfo { hasNextPage }
  }
}`;
const MINI_STORE_ORDERS = `query ($first: Int!, $filter: MiniStoreOrderFilter) {
  miniStoreOrders(first: $first, filter: $filter) {
    edges { node { source orderId totalAmount { amount } } }
    pageInfo { hasNextPage }
  }
}`;
const WEIXIN12315_ORDERS = `query ($first: Int!, $filter: Weixin12315OrderFilter) {
  weixin12315Orders(first: $first, filter: $filter) {
    edges { node { source orderId orderNumber } }
    pageInfo { hasNextPage }
  }
}`;

const orders = (first: number) => stack.graphql<{ orders: Page }>(ORDERS, { first, filter: window() });
const miniStoreOrders = (first: number) =>
  stack.graphql<{ miniStoreOrders: Page }>(MINI_STORE_ORDERS, {
    first,
    filter: { ...window(), statuses: ["PENDING_SHIPMENT"] },
  });
const weixin12315Orders = (first: number) =>
  stack.graphql<{ weixin12315Orders: Page }>(WEIXIN12315_ORDERS, {
    first,
    filter: { orderedAfter: window().createdAfter, orderedBefore: window().createdBefore },
  });

const ids = (page: Page | undefined) => page?.edges.map((edge) => `${edge.node.source}:${edge.node.orderId}`);

/** The response failed with exactly one UPSTREAM_BAD_RESPONSE of `source` whose message names `endpoint` and `path`. */
function expectBadResponse(response: GraphqlResponse, source: string, endpoint: string, path: string) {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error!.extensions).toMatchObject({ code: "UPSTREAM_BAD_RESPONSE", source });
  expect(error!.message).toContain(`${source} ${endpoint}:`);
  expect(error!.message).toContain(`at ${path}:`);
}

/** Each describe gets its own stack (planted rows would leak into the other's window) and its quiet minute. */
async function startStackWithQuietMinute(): Promise<void> {
  stack = await startTestStack({ orderCount: 200, seed: 41 });
  // The newest minute at least ten minutes back with no seeded order of either source.
  minute = Math.floor(stack.wechat.now().getTime() / 60_000) * 60 - 600;
  const quiet = (lo: number) =>
    miniStoreTruth(stack.wechat, { lo, hi: lo + 59 }).length === 0 &&
    weixin12315Truth(stack.weixin12315, { lo, hi: lo + 59 }).length === 0;
  while (!quiet(minute)) minute -= 60;
}

describe("a row with a malformed field that is not part of the order key", () => {
  let good: { wechat: string; weixin12315: string };

  beforeAll(async () => {
    await startStackWithQuietMinute();
    // Newest first: W1 (good) 55s, A (good) 50s, W2 (bad non-key field) 35s, B (bad non-key field) 30s.
    await plantWeixin12315(55);
    await plantWechat(50);
    await plantWeixin12315(35, { ordernumber: "" });
    await plantWechat(30, { order_detail: { price_info: { order_price: "12.5" } } });
    good = {
      wechat: `MINI_STORE:${wechatAt(50).order_id}`,
      weixin12315: `WEIXIN12315:${weixin12315At(55).orderid}`,
    };
  });
  afterAll(() => stack.close());

  it("does not fail a page that reads it without returning it", async () => {
    // first: n reads n + 1 rows of every stream: B (and W2) are read here as the rows after the page.
    const mini = await miniStoreOrders(1);
    expect(mini.errors).toBeUndefined();
    expect(ids(mini.data?.miniStoreOrders)).toEqual([good.wechat]);
    expect(mini.data?.miniStoreOrders.pageInfo.hasNextPage).toBe(true);

    const weixin = await weixin12315Orders(1);
    expect(weixin.errors).toBeUndefined();
    expect(ids(weixin.data?.weixin12315Orders)).toEqual([good.weixin12315]);
    expect(weixin.data?.weixin12315Orders.pageInfo.hasNextPage).toBe(true);

    const merged = await orders(2);
    expect(merged.errors).toBeUndefined();
    expect(ids(merged.data?.orders)).toEqual([good.weixin12315, good.wechat]);
    expect(merged.data?.orders.pageInfo.hasNextPage).toBe(true);
  });

  it("fails the page that returns it with UPSTREAM_BAD_RESPONSE naming its source and full path", async () => {
    expectBadResponse(
      await miniStoreOrders(2),
      "MINI_STORE",
      "product/order/get_list",
      "orders[1].order_detail.price_info.order_price",
    );
    expectBadResponse(
      await weixin12315Orders(2),
      "WEIXIN12315",
      "md.shop.order.list",
      "return_data.orders[1].ordernumber",
    );
    // Merged: the third edge is W2, the weixin12315 stream's second row.
    expectBadResponse(
      await orders(3),
      "WEIXIN12315",
      "md.shop.order.list",
      "return_data.orders[1].ordernumber",
    );
  });

  it("fails its lookup by id, which validates the order it returns in full", async () => {
    const bad = wechatAt(30);
    const response = await stack.graphql(`query ($id: ID!) { order(id: $id) { __typename } }`, {
      id: encodeOrderNodeId("MINI_STORE", String(bad.order_id)),
    });
    expectBadResponse(
      response,
      "MINI_STORE",
      "product/order/get",
      "order.order_detail.price_info.order_price",
    );
  });
});

describe("a row with a malformed order-key field", () => {
  beforeAll(async () => {
    await startStackWithQuietMinute();
    await plantWechat(50); // A
  });
  afterAll(() => stack.close());

  it("fails every page that reads it, returned or not", async () => {
    // C sorts after A (50s) on the simulator's text order, but its time is not a time.
    await plantWechat(40, { create_time: `${formatChinaLocalTime(at(40))}.5` });
    // first: 1 returns A and reads C as the row after it.
    expectBadResponse(
      await miniStoreOrders(1),
      "MINI_STORE",
      "product/order/get_list",
      "orders[1].create_time",
    );
    expectBadResponse(await orders(1), "MINI_STORE", "product/order/get_list", "orders[1].create_time");
  });
});
