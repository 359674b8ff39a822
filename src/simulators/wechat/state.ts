import type { SimClock } from "../shared/clock.js";
import type { OrderStore } from "./order-store.js";
import type { CallQuotas } from "./quotas.js";
import type { OrderFactory } from "./seed-orders.js";
import type { TokenBook } from "./tokens.js";

/** Everything the routes of one running WeChat simulator share. */
export interface WechatSimState {
  appid: string;
  secret: string;
  clock: SimClock;
  tokens: TokenBook;
  quotas: CallQuotas;
  store: OrderStore;
  factory: OrderFactory;
  usedIds: Set<bigint>;
  settings: { scanLimit: number };
}
