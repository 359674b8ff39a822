// The three systems a scenario runs on, each its own process on loopback: the floor (recorded
// upstream calls, nothing else), the hand-written graphql-js baseline, and this subgraph as built.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { request } from "undici";

import { CURSOR_SECRET, SCOPE_HEADERS, SIMULATORS } from "./settings.mjs";
import { freePort, memoryWatch, startChild, waitForHttp } from "./processes.mjs";

export const SYSTEMS = ["ours", "baseline", "floor"];

/** The service's entry point; BENCH_SERVICE_ENTRY points at another build's main.js to compare two builds. */
const SERVICE_ENTRY = process.env.BENCH_SERVICE_ENTRY
  ? pathToFileURL(resolve(process.env.BENCH_SERVICE_ENTRY))
  : new URL("../../dist/server/main.js", import.meta.url);

const GRAPHQL_HEADERS = { "content-type": "application/json", ...SCOPE_HEADERS };

let otlpSink;

/** BENCH_TRACING=http/protobuf|http/json: the service traces every request (100% sampled) to a loopback sink. */
async function tracingEnv() {
  const protocol = process.env.BENCH_TRACING;
  if (!protocol) return {};
  otlpSink ??= startChild(new URL("./otlp-sink.mjs", import.meta.url), { name: "the OTLP sink" });
  const { port } = await otlpSink.ready;
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
    OTEL_TRACES_SAMPLER: "always_on",
  };
}

/** The service exactly as deployed: `node dist/server/main.js`, production mode, env configuration. */
async function startOurs(urls, { profileDir, env: settings = {} } = {}) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
    CURSOR_SECRET,
    WECHAT_APPID: SIMULATORS.wechat.appid,
    WECHAT_SECRET: SIMULATORS.wechat.secret,
    WECHAT_API_BASE: urls.wechat,
    WX12315_APP_ID: SIMULATORS.weixin12315.appId,
    WX12315_APP_SECRET: SIMULATORS.weixin12315.appSecret,
    WX12315_API_BASE: urls.weixin12315,
    // The scenarios compare the GraphQL/HTTP layer doing the same upstream work as the baseline and the
    // floor, so ours reads fresh; the economy run measures the cache (on and off) on its own.
    UPSTREAM_CACHE_TTL_SECONDS: "0",
    // V8 flags of a tuned deployment, e.g. --max-old-space-size=128 (see docs/benchmarks.md).
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    // Service settings to try, e.g. "MAX_CONCURRENT_OPERATIONS=8 UPSTREAM_QUEUE_LIMIT=5000".
    ...serviceEnvOverrides(process.env.BENCH_SERVICE_ENV),
    // The run's own settings for this process (the economy run's cache on/off).
    ...settings,
    ...(await tracingEnv()),
  };
  const execArgv = [
    `--import=${new URL("./exit-with-parent.mjs", import.meta.url).href}`,
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    // V8 flags NODE_OPTIONS does not accept, e.g. --heap-growing-percent=30.
    ...(process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean),
  ];
  const proc = startChild(SERVICE_ENTRY, { env, execArgv, cleanEnv: true, name: "the subgraph" });
  await waitForHttp(`http://127.0.0.1:${port}/health`, { alive: () => proc.child.exitCode === null });
  return { proc, url: `http://127.0.0.1:${port}` };
}

function serviceEnvOverrides(text = "") {
  return Object.fromEntries(
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf("=");
        if (at < 1) throw new Error(`BENCH_SERVICE_ENV: expected NAME=value, got ${JSON.stringify(pair)}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );
}

/** Stops what the systems share across the run (the OTLP sink of BENCH_TRACING). */
export async function stopSharedProcesses() {
  await otlpSink?.kill();
}

async function startBaseline(urls, { schemaFile }) {
  const proc = startChild(new URL("../baseline/server.mjs", import.meta.url), {
    env: { BENCH_BASELINE_CONFIG: JSON.stringify({ urls, cursorSecret: CURSOR_SECRET, schemaFile }) },
    name: "the baseline",
  });
  const { port } = await proc.ready;
  return { proc, url: `http://127.0.0.1:${port}` };
}

async function startFloor(urls, { plans }) {
  const proc = startChild(new URL("./floor-server.mjs", import.meta.url), {
    env: { BENCH_FLOOR_CONFIG: JSON.stringify({ urls }) },
    name: "the floor",
  });
  const { port } = await proc.ready;
  await proc.call("plans", { plans });
  return { proc, url: `http://127.0.0.1:${port}` };
}

const starters = { ours: startOurs, baseline: startBaseline, floor: startFloor };

/**
 * Starts `name` and returns how to drive it: one-request targets for autocannon and probes, and a
 * page function for walks.
 */
export async function startSystem(name, urls, options = {}) {
  const { proc, url } = await starters[name](urls, options);
  const graphql = name !== "floor";
  const bodyOf = (scenario, extra = {}) =>
    JSON.stringify({ query: scenario.query, variables: { ...scenario.variables, ...extra } });

  return {
    name,
    url,
    pid: proc.pid,
    memory: memoryWatch(proc.pid),
    stop: () => proc.stop(),
    kill: () => proc.kill(),
    /** Pages of a walk (the floor replays as many as were recorded). */
    pages: (scenario) => options.plans?.[scenario.name]?.length ?? 1,
    /** autocannon's view of one request of `scenario`. */
    target: (scenario) =>
      graphql
        ? { url, method: "POST", path: "/graphql", headers: GRAPHQL_HEADERS, body: bodyOf(scenario), graphql }
        : { url, method: "GET", path: `/${scenario.name}`, graphql },
    /** One request (page `index` of a walk), answered as `{status, text}`. */
    async send(scenario, { index = 0, after = null, pool } = {}) {
      const options = graphql
        ? { method: "POST", headers: GRAPHQL_HEADERS, body: bodyOf(scenario, after ? { after } : {}) }
        : { method: "GET" };
      const path = graphql ? "/graphql" : `/${scenario.name}/${index}`;
      const { statusCode, body } = pool
        ? await pool.request({ path, ...options })
        : await request(`${url}${path}`, options);
      return { status: statusCode, text: await body.text() };
    },
  };
}
