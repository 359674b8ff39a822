import { SimClock } from "../shared/clock.js";
import { seededRandom } from "../shared/random.js";
import { startSimServer, type RunningSimServer } from "../shared/sim-server.js";
import { weixin12315Admin } from "./admin.js";
import { OrderStore, type KeywordMatch } from "./order-store.js";
import { businessError, weixin12315Routes } from "./routes.js";
import { OrderFactory, seedOrders } from "./seed-orders.js";
import type { Weixin12315SimState } from "./state.js";
import type { Weixin12315SimOrder, Weixin12315SimRecord } from "./types.js";
import { createSignatureVerifier } from "./verify-signature.js";

export { WEIXIN12315_STATUS_NAMES, type Weixin12315SimOrder, type Weixin12315SimRecord } from "./types.js";

export { WEIXIN12315_ORDER_LIST_ENDPOINT } from "./routes.js";

export interface Weixin12315SimulatorOptions {
  host?: string;
  port?: number;
  appId: string;
  appSecret: string;
  seed?: number;
  orderCount?: number;
  /** Create times spread over the last N days. */
  days?: number;
  /** Base clock; `POST /__sim/clock/advance` moves the simulator's clock ahead of it. */
  now?: () => Date;
  timestampToleranceSeconds?: number;
  nonceWindowSeconds?: number;
  /** How `keyword` matches order numbers: exactly (default) or as a substring, as a search may. */
  keywordMatch?: KeywordMatch;
}

export interface Weixin12315Simulator extends RunningSimServer {
  /** All orders as held, newest first (ordertime desc, ties orderid desc), in wire JSON shape. Read-only. */
  orders(): Weixin12315SimOrder[];
  /** The same orders with what the wire hides (scope, 拼团 state, receive time). Read-only. */
  records(): readonly Weixin12315SimRecord[];
  /** The simulator's clock (base clock + advances): the reference for the `timestamp` header. */
  now(): Date;
}

/** Starts the weixin12315 mall simulator (signed `md.shop.order.list`) on loopback. */
export async function startWeixin12315Simulator(
  options: Weixin12315SimulatorOptions,
): Promise<Weixin12315Simulator> {
  const clock = new SimClock(options.now ?? (() => new Date()));
  const random = seededRandom(options.seed ?? 12315);
  const factory = new OrderFactory(random);
  const state: Weixin12315SimState = {
    clock,
    store: new OrderStore(
      seedOrders(factory, random, options.orderCount ?? 5000, options.days ?? 180, clock.now()),
      options.keywordMatch,
    ),
    factory,
    verify: createSignatureVerifier({
      appId: options.appId,
      appSecret: options.appSecret,
      now: () => clock.now(),
      toleranceSeconds: options.timestampToleranceSeconds ?? 300,
      nonceWindowSeconds: options.nonceWindowSeconds ?? 600,
    }),
  };

  const server = await startSimServer({
    name: "weixin12315",
    host: options.host,
    port: options.port,
    random: seededRandom((options.seed ?? 12315) ^ 0x5a5a),
    businessError,
    routes: weixin12315Routes(state),
    adminRoutes: weixin12315Admin(state).routes,
  });

  return {
    ...server,
    orders: () => state.store.all().map((r) => r.order),
    records: () => state.store.all(),
    now: () => clock.now(),
  };
}
