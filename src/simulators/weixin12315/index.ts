import { seededRandom } from "../shared/random.js";
import {
  startSimServer,
  type RunningSimServer,
  type SimRequest,
  type SimResponse,
} from "../shared/sim-server.js";
import { weixin12315AdminRoutes } from "./admin.js";
import { OrderStore } from "./order-list.js";
import { OrderFactory, seedOrders } from "./seed-orders.js";
import {
  WEIXIN12315_RETURN_CODES as CODES,
  type Weixin12315SimOrder,
  type Weixin12315SimRecord,
} from "./types.js";
import { parseOrderListParams, ParameterError, requestParams } from "./validation.js";
import { createSignatureVerifier } from "./verify-signature.js";

export {
  WEIXIN12315_RETURN_CODES,
  WEIXIN12315_STATUS_NAMES,
  type GroupStatus,
  type OrderScope,
  type Weixin12315SimItem,
  type Weixin12315SimOrder,
  type Weixin12315SimRecord,
  type Weixin12315StatusName,
} from "./types.js";

export const WEIXIN12315_ORDER_LIST_PATH = "/api/sign/md.shop.order/v1/list";
/** Name under which list calls are counted in `/__sim/stats`. */
export const WEIXIN12315_ORDER_LIST_ENDPOINT = "md.shop.order.list";

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
}

export interface Weixin12315Simulator extends RunningSimServer {
  /** All orders as held, newest first (ordertime desc, ties orderid desc), in wire JSON shape. Read-only. */
  orders(): Weixin12315SimOrder[];
  /** The same orders with what the wire hides (scope, 拼团 state, receive time). Read-only. */
  records(): readonly Weixin12315SimRecord[];
  /** The simulator's clock (base clock + advances): the reference for the `timestamp` header. */
  now(): Date;
}

const businessError = (code: string | number, message: string) => ({
  return_code: String(code),
  return_msg: message,
  return_data: null,
});

/** Starts the weixin12315 mall simulator (signed `md.shop.order.list`) on loopback. */
export async function startWeixin12315Simulator(
  options: Weixin12315SimulatorOptions,
): Promise<Weixin12315Simulator> {
  const baseNow = options.now ?? (() => new Date());
  let offsetMs = 0;
  const now = () => new Date(baseNow().getTime() + offsetMs);

  const random = seededRandom(options.seed ?? 12315);
  const factory = new OrderFactory(random);
  const store = new OrderStore(
    seedOrders(factory, random, options.orderCount ?? 5000, options.days ?? 180, now()),
  );
  const verify = createSignatureVerifier({
    appId: options.appId,
    appSecret: options.appSecret,
    now,
    toleranceSeconds: options.timestampToleranceSeconds ?? 300,
    nonceWindowSeconds: options.nonceWindowSeconds ?? 600,
  });

  const listOrders = (req: SimRequest): SimResponse => {
    try {
      const params = requestParams(req.body);
      const failure = verify(req.headers, params);
      if (failure) return { body: businessError(failure.code, failure.message) };
      const page = store.list(parseOrderListParams(params));
      return { body: { return_code: CODES.success, return_msg: "success", return_data: page } };
    } catch (error) {
      if (error instanceof ParameterError)
        return { body: businessError(CODES.invalidParameter, error.message) };
      throw error;
    }
  };

  const server = await startSimServer({
    name: "weixin12315",
    host: options.host,
    port: options.port,
    random: seededRandom((options.seed ?? 12315) ^ 0x5a5a),
    businessError,
    routes: [
      {
        method: "POST",
        path: WEIXIN12315_ORDER_LIST_PATH,
        endpoint: WEIXIN12315_ORDER_LIST_ENDPOINT,
        credentialOf: (req) =>
          typeof req.headers.appid === "string" && req.headers.appid !== "" ? req.headers.appid : undefined,
        handle: listOrders,
      },
    ],
    adminRoutes: weixin12315AdminRoutes({
      now,
      advanceClock: (seconds) => {
        offsetMs += seconds * 1000;
      },
      store,
      factory,
    }),
  });

  return {
    ...server,
    orders: () => store.all().map((r) => r.order),
    records: () => store.all(),
    now,
  };
}
