// Probing (one request, or one walk, observed call by call at the simulators) and measuring (load at
// a fixed connection count: a warm-up, then measured windows) of one scenario on one system.
import { runAutocannon, runWalks } from "./load.mjs";
import { cpuTimeMs } from "./processes.mjs";

/** Simulator endpoints that serve orders (token endpoints are not counted as order traffic). */
const BUSINESS_ENDPOINTS = ["product/order/get_list", "product/order/get", "md.shop.order.list"];

export const businessCalls = (stats) =>
  Object.values(stats).reduce(
    (sum, sim) => sum + BUSINESS_ENDPOINTS.reduce((s, endpoint) => s + (sim.calls[endpoint] ?? 0), 0),
    0,
  );
const totalCalls = (snapshot) => snapshot.stats.wechat.total + snapshot.stats.weixin12315.total;

/**
 * Waits until the simulators have seen no call for a while: a process killed after a cell leaves calls
 * the simulators are still answering, and they must not count towards the next measurement.
 */
export async function settle(upstreams, { quietMs = 200, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = totalCalls(await upstreams.call("snapshot"));
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = totalCalls(await upstreams.call("snapshot"));
    if (now === last) return;
    last = now;
  }
}

export const bytesOf = (snapshot) => snapshot.bytes.wechat + snapshot.bytes.weixin12315;
const isBusiness = (call) => !call.path.startsWith("/cgi-bin/");

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0],
    median: sorted[Math.floor((sorted.length - 1) / 2)],
    max: sorted.at(-1),
    runs: values,
  };
};

/** One page of a walk as the load loop sees it: edges, next cursor, success. The floor has no cursors: its pages are numbered. */
function walkPage(system, scenario, pageEdges) {
  return async (pool, index, after) => {
    const { status, text } = await system.send(scenario, { index, after, pool });
    if (status !== 200) return { ok: false };
    if (system.name === "floor") {
      return { ok: true, edges: pageEdges[index], after: index + 1 < pageEdges.length ? "next" : null };
    }
    const body = JSON.parse(text);
    const connection = body.data?.orders;
    if (body.errors || !connection) return { ok: false };
    return {
      ok: true,
      edges: connection.edges.length,
      after: connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null,
    };
  };
}

function failureOf(system, status, text) {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 300)}`;
  if (system.name === "floor") return undefined;
  const body = JSON.parse(text);
  if (body.errors) return `GraphQL errors: ${JSON.stringify(body.errors).slice(0, 300)}`;
  return undefined;
}

/**
 * One request of `scenario` (every page, for a walk), alone, with the simulators recording each call:
 * exact upstream calls and bytes per request, bytes returned, the answer itself, and the calls as a plan
 * the floor can replay. A first, unobserved pass warms the path (token fetch, JIT) beforehand; more
 * passes after it measure the system's CPU time per request without concurrency.
 */
export async function probeScenario(system, scenario, upstreams, { cpuPasses = 500, cpuSeconds = 1 } = {}) {
  const warm = await pass(system, scenario);
  if (warm.failure) return { ok: false, failure: warm.failure };
  await settle(upstreams);
  const before = await upstreams.call("snapshot");
  await upstreams.call("record");
  const observed = await pass(system, scenario, upstreams);
  await upstreams.call("takeRecording");
  const after = await upstreams.call("snapshot");
  if (observed.failure) return { ok: false, failure: observed.failure };

  // Sequential requests for the CPU cost: after half as long again of unmeasured ones, so the JIT has
  // settled (a walk has already run twice).
  const sequential = async (seconds) => {
    const deadline = performance.now() + seconds * 1000;
    let requests = 0;
    for (let i = 0; i < cpuPasses && performance.now() < deadline; i += 1)
      requests += (await pass(system, scenario)).pages.length;
    return requests;
  };
  if (!scenario.walk) await sequential(cpuSeconds / 2);
  const cpuStart = cpuTimeMs(system.pid);
  const requests = await sequential(cpuSeconds);
  const cpuMsPerRequest =
    cpuStart === undefined || requests === 0 ? undefined : (cpuTimeMs(system.pid) - cpuStart) / requests;

  const { pages } = observed;
  if (scenario.walk && system.name !== "floor") {
    const ids = pages.flatMap((page) => page.ids);
    const distinct = new Set(ids).size;
    if (ids.length !== scenario.walk.orders || distinct !== ids.length) {
      return {
        ok: false,
        failure: `the walk returned ${ids.length} orders (${distinct} distinct), expected ${scenario.walk.orders} once each`,
      };
    }
  }
  return {
    ok: true,
    requests: pages.length,
    upstreamCallsPerRequest: (businessCalls(after.stats) - businessCalls(before.stats)) / pages.length,
    bytesFetchedPerRequest: (bytesOf(after) - bytesOf(before)) / pages.length,
    bytesReturnedPerRequest: observed.returned / pages.length,
    cpuMsPerRequest,
    callsByEndpoint: countBy(
      pages.flatMap((page) => page.calls),
      (call) => call.path,
    ),
    plan: pages.map((page) => page.calls),
    pageEdges: pages.map((page) => page.edges),
    data: observed.first?.data,
  };
}

/** One request, or every page of a walk in order; with `upstreams`, each page's recorded calls. */
async function pass(system, scenario, upstreams) {
  const pages = [];
  let returned = 0;
  let first;
  let after = null;
  for (let index = 0; ; index += 1) {
    const { status, text } = await system.send(scenario, { index, after });
    const failure = failureOf(system, status, text);
    if (failure) return { failure, pages };
    returned += Buffer.byteLength(text);
    const body = system.name === "floor" ? undefined : JSON.parse(text);
    first ??= body;
    const calls = upstreams ? (await upstreams.call("takeRecording", { keepRecording: true })).calls : [];
    const connection = body?.data?.orders;
    pages.push({
      calls: calls.filter(isBusiness),
      edges: connection?.edges.length ?? 0,
      ids: connection?.edges.map((edge) => edge.node.id) ?? [],
    });
    const more = !scenario.walk
      ? false
      : system.name === "floor"
        ? index + 1 < system.pages(scenario)
        : connection.pageInfo.hasNextPage;
    if (!more) return { pages, returned, first };
    after = system.name === "floor" ? "next" : connection.pageInfo.endCursor;
  }
}

const countBy = (items, key) =>
  items.reduce((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {});

/**
 * Load at one connection count: one continuous run (warm-up, then `repetitions` measured windows);
 * peak RSS, CPU time and upstream calls over the measured windows.
 */
export async function measureCell(system, scenario, upstreams, probe, profile) {
  let before;
  let cpuBefore;
  let after;
  let cpuAfter;
  const hooks = {
    onMeasureStart: () => {
      cpuBefore = { system: cpuTimeMs(system.pid), upstreams: cpuTimeMs(upstreams.pid) };
      before = upstreams.call("snapshot");
    },
    onMeasureEnd: () => {
      cpuAfter = { system: cpuTimeMs(system.pid), upstreams: cpuTimeMs(upstreams.pid) };
      after = upstreams.call("snapshot");
    },
  };
  await settle(upstreams);
  system.memory.reset();
  const runs = scenario.walk
    ? await runWalks(
        {
          url: system.url,
          pagesPerWalk: probe.requests,
          expectedEdges: probe.pageEdges.reduce((a, b) => a + b, 0),
          page: walkPage(system, scenario, probe.pageEdges),
        },
        profile,
        hooks,
      )
    : await runAutocannon(system.target(scenario), profile, hooks);
  const peakRssBytes = system.memory.peak();
  const calls = businessCalls((await after).stats) - businessCalls((await before).stats);

  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const perRequest = (start, end) =>
    requests > 0 && start !== undefined && end !== undefined ? (end - start) / requests : undefined;
  return {
    system: system.name,
    scenario: scenario.name,
    connections: profile.connections,
    rps: summary(runs.map((r) => r.rps)),
    p50: summary(runs.map((r) => r.p50)),
    p99: summary(runs.map((r) => r.p99)),
    ...(scenario.walk ? { walksPerSecond: summary(runs.map((r) => r.walksPerSecond)) } : {}),
    requests,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    peakRssBytes,
    // CPU time over the measured windows per completed request: what each system costs even when the
    // simulators, not the system, limit the throughput.
    cpuMsPerRequest: perRequest(cpuBefore?.system, cpuAfter?.system),
    simulatorCpuMsPerRequest: perRequest(cpuBefore?.upstreams, cpuAfter?.upstreams),
    upstreamCallsPerRequestUnderLoad: requests > 0 ? calls / requests : null,
  };
}
