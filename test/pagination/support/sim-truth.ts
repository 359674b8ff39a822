// Ground truth read from the simulators themselves (not through the code under test): the orders a
// walk must return, newest first by the test's own contract comparator, as "SOURCE:orderId" strings.
import type { WechatSimulator, Weixin12315Simulator } from "../../../src/simulators/index.js";
import { chinaTextInstant } from "../../support/china-text.js";
import { sortNewestFirst, type ContractSortKey } from "../../support/newest-first.js";

export interface Window {
  /** Unix seconds, inclusive. */
  lo: number;
  hi: number;
}

const seconds = (chinaText: string) => chinaTextInstant(chinaText).getTime() / 1000;
const inside = (t: number, window: Window) => t >= window.lo && t <= window.hi;

function wechatRows(sim: WechatSimulator, window: Window, statuses?: number[], channel: 1 | 2 = 1) {
  return sim
    .orders({ source: channel })
    .filter((o) => inside(seconds(o.create_time), window) && (!statuses || statuses.includes(o.status)))
    .map((o): ContractSortKey => ({
      source: "MINI_STORE",
      orderId: o.order_id.toString(),
      createdAt: chinaTextInstant(o.create_time),
    }));
}

function weixinRows(sim: Weixin12315Simulator, window: Window, statusNames?: string[]) {
  return sim
    .orders()
    .filter(
      (o) => inside(seconds(o.ordertime), window) && (!statusNames || statusNames.includes(o.orderstatus)),
    )
    .map((o): ContractSortKey => ({
      source: "WEIXIN12315",
      orderId: o.orderid,
      createdAt: chinaTextInstant(o.ordertime),
    }));
}

const newestFirst = (rows: ContractSortKey[]) =>
  sortNewestFirst(rows, (row) => row).map((row) => `${row.source}:${row.orderId}`);

export const miniStoreTruth = (sim: WechatSimulator, window: Window, statuses?: number[]) =>
  newestFirst(wechatRows(sim, window, statuses));

export const weixin12315Truth = (sim: Weixin12315Simulator, window: Window, statusNames?: string[]) =>
  newestFirst(weixinRows(sim, window, statusNames));

export const mergedTruth = (wechat: WechatSimulator, weixin: Weixin12315Simulator, window: Window) =>
  newestFirst([...wechatRows(wechat, window), ...weixinRows(weixin, window)]);
