// Ground truth for the client walks: the simulators' own orders (wire shape), turned into what a list
// row must show, in the contract's order. Written from the contract, not from the server's code.
import { formatChinaIso, parseChinaLocalTime } from "../../src/shared/china-time.js";
import type { WechatSimOrder } from "../../src/simulators/wechat/index.js";
import type { Weixin12315SimOrder } from "../../src/simulators/weixin12315/index.js";
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
  const text = "create_time" in order ? order.create_time : order.ordertime;
  const parsed = parseChinaLocalTime(text);
  if (!parsed) throw new Error(`simulator order without a create time: ${JSON.stringify(text)}`);
  return parsed;
}

/** WeChat orders of the Mini Store channel (the default), newest first, ties order_id descending. */
export function miniStoreRows(stack: TestStack): ExpectedRow[] {
  return stack.wechat.orders({ source: 1 }).map((order) => {
    const digits = order.order_id.toString();
    return {
      __typename: "MiniStoreOrder",
      orderId: digits,
      orderNumber: digits,
      createdAt: createdAtOf(order),
    };
  });
}

/** weixin12315 orders, newest first, ties orderid descending. */
export function weixin12315Rows(stack: TestStack): ExpectedRow[] {
  return stack.weixin12315.orders().map((order) => ({
    __typename: "Weixin12315Order",
    orderId: order.orderid,
    orderNumber: order.ordernumber,
    createdAt: createdAtOf(order),
  }));
}

// The contract's order of the merged `orders`: newest first; ties MINI_STORE first, then orderId
// descending as an integer.
function newestFirst(a: ExpectedRow, b: ExpectedRow): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  if (a.__typename !== b.__typename) return a.__typename === "MiniStoreOrder" ? -1 : 1;
  const [x, y] = [BigInt(a.orderId), BigInt(b.orderId)];
  return x === y ? 0 : x > y ? -1 : 1;
}

export function mergedRows(stack: TestStack): ExpectedRow[] {
  return [...miniStoreRows(stack), ...weixin12315Rows(stack)].sort(newestFirst);
}

/** Inclusive bounds (to the second) covering every instant; explicit, as the default window is 30 days. */
export function windowCovering(instants: Date[]): { after: string; before: string } {
  const times = instants.map((instant) => instant.getTime());
  return {
    after: formatChinaIso(new Date(Math.min(...times))),
    before: formatChinaIso(new Date(Math.max(...times))),
  };
}
