// Ground truth for the client walks: the simulators' own orders (wire shape), turned into what a list
// row must show, in the contract's order. Written from the contract, not from the server's code.
import type { WechatSimOrder } from "../../src/simulators/wechat/index.js";
import type { Weixin12315SimOrder } from "../../src/simulators/weixin12315/index.js";
import { chinaTextInstant, isoAtChinaOffset } from "../support/china-text.js";
import { sortNewestFirst } from "../support/newest-first.js";
import type { TestStack } from "../support/stack.js";

export interface ExpectedRow {
  __typename: "MiniStoreOrder" | "Weixin12315Order";
  orderId: string;
  orderNumber: string;
  createdAt: Date;
}

/** What every list row is compared on (`createdAt` as an instant, whatever offset it is written in). */
export function rowOf(node: Omit<ExpectedRow, "createdAt"> & { createdAt: string }): ExpectedRow {
  return {
    __typename: node.__typename,
    orderId: node.orderId,
    orderNumber: node.orderNumber,
    createdAt: new Date(node.createdAt),
  };
}

/** A simulator order's creation instant (both write China local time). */
export function createdAtOf(order: WechatSimOrder | Weixin12315SimOrder): Date {
  return chinaTextInstant("create_time" in order ? order.create_time : order.ordertime);
}

/** The contract's order: newest first; ties MINI_STORE first, then orderId descending as an integer. */
const newestFirst = (rows: ExpectedRow[]) =>
  sortNewestFirst(rows, (row) => ({
    source: row.__typename === "MiniStoreOrder" ? "MINI_STORE" : "WEIXIN12315",
    orderId: row.orderId,
    createdAt: row.createdAt,
  }));

/** WeChat orders of the Mini Store channel (the default), in the contract's order. */
export function miniStoreRows(stack: TestStack): ExpectedRow[] {
  return newestFirst(
    stack.wechat.orders({ source: 1 }).map((order) => {
      const digits = order.order_id.toString();
      return {
        __typename: "MiniStoreOrder",
        orderId: digits,
        orderNumber: digits,
        createdAt: createdAtOf(order),
      };
    }),
  );
}

/** weixin12315 orders, in the contract's order. */
export function weixin12315Rows(stack: TestStack): ExpectedRow[] {
  return newestFirst(
    stack.weixin12315.orders().map((order) => ({
      __typename: "Weixin12315Order",
      orderId: order.orderid,
      orderNumber: order.ordernumber,
      createdAt: createdAtOf(order),
    })),
  );
}

export function mergedRows(stack: TestStack): ExpectedRow[] {
  return newestFirst([...miniStoreRows(stack), ...weixin12315Rows(stack)]);
}

/** Inclusive bounds (to the second) covering every instant; explicit, as the default window is 30 days. */
export function windowCovering(instants: Date[]): { after: string; before: string } {
  const times = instants.map((instant) => instant.getTime());
  return {
    after: isoAtChinaOffset(new Date(Math.min(...times))),
    before: isoAtChinaOffset(new Date(Math.max(...times))),
  };
}
