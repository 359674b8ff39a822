// Ground truth read from the simulators themselves (not through the code under test): the orders a
// walk must return, newest first, as "SOURCE:orderId" strings.
import { compareNewestFirst, type SortKey } from "../../../src/pagination/sort-key.js";
import { parseChinaLocalTime } from "../../../src/shared/china-time.js";
import type { WechatSimulator, Weixin12315Simulator } from "../../../src/simulators/index.js";

export interface Window {
  /** Unix seconds, inclusive. */
  lo: number;
  hi: number;
}

interface Row {
  id: string;
  key: SortKey;
}

const seconds = (chinaText: string) => parseChinaLocalTime(chinaText)!.getTime() / 1000;
const inside = (t: number, window: Window) => t >= window.lo && t <= window.hi;

function wechatRows(sim: WechatSimulator, window: Window, statuses?: number[], channel: 1 | 2 = 1): Row[] {
  return sim
    .orders({ source: channel })
    .filter((o) => inside(seconds(o.create_time), window) && (!statuses || statuses.includes(o.status)))
    .map((o) => ({
      id: `MINI_STORE:${o.order_id}`,
      key: { t: seconds(o.create_time), rank: 0, id: o.order_id },
    }));
}

function weixinRows(sim: Weixin12315Simulator, window: Window, statusNames?: string[]): Row[] {
  return sim
    .orders()
    .filter(
      (o) => inside(seconds(o.ordertime), window) && (!statusNames || statusNames.includes(o.orderstatus)),
    )
    .map((o) => ({
      id: `WEIXIN12315:${o.orderid}`,
      key: { t: seconds(o.ordertime), rank: 1, id: BigInt(o.orderid) },
    }));
}

const newestFirst = (rows: Row[]) => rows.sort((a, b) => compareNewestFirst(a.key, b.key)).map((r) => r.id);

export const miniStoreTruth = (sim: WechatSimulator, window: Window, statuses?: number[]) =>
  newestFirst(wechatRows(sim, window, statuses));

export const weixin12315Truth = (sim: Weixin12315Simulator, window: Window, statusNames?: string[]) =>
  newestFirst(weixinRows(sim, window, statusNames));

export const mergedTruth = (wechat: WechatSimulator, weixin: Weixin12315Simulator, window: Window) =>
  newestFirst([...wechatRows(wechat, window), ...weixinRows(weixin, window)]);
