import { SimClock } from "../shared/clock.js";
import { seededRandom } from "../shared/random.js";
import { startSimServer, type RunningSimServer } from "../shared/sim-server.js";
import { wechatAdmin } from "./admin.js";
import { OrderStore } from "./order-store.js";
import { CallQuotas, type QuotaLimits } from "./quotas.js";
import { wechatRoutes } from "./routes.js";
import { orderFactory, seedOrders } from "./seed-orders.js";
import type { WechatSimState } from "./state.js";
import { TokenBook } from "./tokens.js";
import type { WechatOrderChannel, WechatSimOrder } from "./types.js";

export type * from "./types.js";
export { WECHAT_ORDER_STATUSES } from "./types.js";

export interface WechatSimulatorOptions {
  host?: string;
  port?: number;
  appid: string;
  secret: string;
  seed?: number;
  orderCount?: number;
  /** Seeded create times spread over the last N days (default 180). */
  days?: number;
  /** Base clock (default: the real one); the admin API can advance the simulator's clock past it. */
  now?: () => Date;
  /** Orders scanned in a window above which get_list answers -31042 (default 2000). */
  scanLimit?: number;
  /** Optional call quotas per endpoint → 45011 (minute) / 45009 (day). */
  quotas?: QuotaLimits;
  tokenTtlSeconds?: number;
  tokenGraceSeconds?: number;
}

export interface WechatSimulator extends RunningSimServer {
  /** All orders as the simulator holds them, newest-created first (ties: order_id desc), in wire JSON shape (order_id as bigint). */
  orders(filter?: { status?: number; source?: WechatOrderChannel }): WechatSimOrder[];
  /** The simulator's clock (base clock plus every advance). */
  now(): Date;
  advanceClock(seconds: number): void;
  expireTokens(): void;
  configure(config: { scanLimit?: number; quotas?: QuotaLimits }): void;
}

/** Starts a faithful WeChat Mini Store simulator (token, stable_token, order get_list and get). */
export async function startWechatSimulator(options: WechatSimulatorOptions): Promise<WechatSimulator> {
  const seed = options.seed ?? 12315;
  const clock = new SimClock(options.now ?? (() => new Date()));
  const usedIds = new Set<bigint>();
  const factory = orderFactory(seed, usedIds);
  const seeded = seedOrders(
    { seed, count: options.orderCount ?? 5000, days: options.days ?? 180, now: clock.now() },
    factory,
  );
  const state: WechatSimState = {
    appid: options.appid,
    secret: options.secret,
    clock,
    tokens: new TokenBook(clock, options.tokenTtlSeconds ?? 7200, options.tokenGraceSeconds ?? 300),
    quotas: new CallQuotas(options.quotas),
    store: new OrderStore(seeded),
    factory,
    usedIds,
    settings: { scanLimit: options.scanLimit ?? 2000 },
  };
  const admin = wechatAdmin(state);
  const server = await startSimServer({
    name: "wechat",
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    routes: wechatRoutes(state),
    adminRoutes: admin.routes,
    businessError: (code, message) => ({ errcode: code, errmsg: message }),
    random: seededRandom(seed ^ 0xfa17),
  });
  return {
    ...server,
    orders: (filter) => state.store.all(filter).map((record) => structuredClone(record.order)),
    now: () => clock.now(),
    advanceClock: (seconds) => clock.advance(seconds),
    expireTokens: () => state.tokens.expireAll(),
    configure: admin.configure,
  };
}
