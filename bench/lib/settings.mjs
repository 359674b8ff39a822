// Everything a benchmark run is made of, in one place: the seeded shops, the credentials the
// simulators accept, and the load profile (full run, or BENCH_QUICK=1 for a ~1 minute smoke run).

/**
 * Seeded shops: the default 30-day window holds about 1,500 WeChat (under its 2,000-order scan limit)
 * and 1,000 weixin12315 orders. Few days of history beyond it, because the simulators scan every held
 * order on each call.
 */
export const SIMULATORS = {
  wechat: {
    appid: "wxbench000000000001",
    secret: "bench-wechat-secret",
    seed: 9,
    orderCount: 2600,
    days: 45,
  },
  weixin12315: {
    appId: "bench12315app",
    appSecret: "bench-12315-secret",
    seed: 9,
    orderCount: 1500,
    days: 45,
  },
};

/** Not a secret of anything: the service refuses to start in production without one. */
export const CURSOR_SECRET = "bench-cursor-secret-0123456789abcdef";

/** The router forwards this scope for callers allowed to see buyer data; the benchmark asks for every field. */
export const SCOPE_HEADERS = { "x-orders-scopes": "orders:pii" };

/** Orders in the walk scenario's window, and its page size. */
export const WALK = { orders: 2000, pageSize: 50 };

/** How hard and how long each (system, scenario, connections) cell is driven. */
export function loadProfile(env = process.env) {
  const quick = env.BENCH_QUICK === "1";
  return quick
    ? {
        quick,
        connections: [10],
        warmupSeconds: 0.5,
        durationSeconds: 1,
        repetitions: 1,
        probe: { cpuSeconds: 0.5 },
      }
    : {
        quick,
        connections: [10, 50],
        warmupSeconds: 1,
        durationSeconds: 1.5,
        repetitions: 3,
        probe: { cpuSeconds: 0.75 },
      };
}
