import type { SimClock } from "./clock.js";
import type { OrderBook } from "./order-book.js";
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
  book: OrderBook;
  factory: OrderFactory;
  usedIds: Set<bigint>;
  settings: { scanLimit: number };
}
