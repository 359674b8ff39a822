// Load generation with one continuous closed loop per cell: a warm-up, then `repetitions` consecutive
// windows measured separately. The loop never restarts between windows, so a slow scenario is measured
// in its steady state (every connection busy), not while its pipeline fills or drains.
// Single requests go through autocannon; walks through a custom loop (each page needs the previous
// page's cursor).
import autocannon from "autocannon";
import { Pool } from "undici";

/** A GraphQL answer with errors is a failure even with HTTP 200. */
const hasNoGraphqlErrors = (body) => !body.includes('"errors":[');

/** Longest a warm-up may wait for every connection to complete a request before windows start anyway. */
const MAX_WARMUP_MS = 30_000;

/** Sorted-array percentile (nearest rank). */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Splits completions into a warm-up and measured windows. The warm-up lasts `warmupSeconds` and at least
 * until `connections` requests have completed (each connection has been through the system once).
 * `onMeasureStart`/`onMeasureEnd` run at the edges of the measured windows (counters to snapshot).
 */
function windowed({
  connections,
  warmupSeconds,
  durationSeconds,
  repetitions,
  onMeasureStart,
  onMeasureEnd,
}) {
  const started = performance.now();
  const windows = [];
  let current;
  let warmCompletions = 0;
  let finish;
  const done = new Promise((resolve) => (finish = resolve));

  const open = (now) => {
    current = { start: now, latencies: [], errors: 0, non2xx: 0 };
    windows.push(current);
  };
  const tick = () => {
    const now = performance.now();
    if (!current) {
      const warm = now - started >= warmupSeconds * 1000 && warmCompletions >= connections;
      if (!warm && now - started < MAX_WARMUP_MS) return;
      onMeasureStart?.();
      open(now);
      return;
    }
    if (now - current.start < durationSeconds * 1000) return;
    current.end = now;
    if (windows.length < repetitions) {
      open(now);
      return;
    }
    clearInterval(timer);
    onMeasureEnd?.();
    current = undefined;
    finish();
  };
  const timer = setInterval(tick, 20);

  return {
    done,
    get finished() {
      return windows.length === repetitions && current === undefined;
    },
    record(latencyMs, outcome = "ok") {
      if (!current) {
        warmCompletions += 1;
        return;
      }
      if (outcome === "ok") current.latencies.push(latencyMs);
      else if (outcome === "non2xx") current.non2xx += 1;
      else current.errors += 1;
    },
    results: () =>
      windows.map((w) => {
        const seconds = (w.end - w.start) / 1000;
        const sorted = w.latencies.sort((a, b) => a - b);
        return {
          requests: sorted.length,
          rps: sorted.length / seconds,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          errors: w.errors,
          non2xx: w.non2xx,
        };
      }),
  };
}

/**
 * Drives one request shape at a fixed number of connections.
 * @param {{url: string, method: string, path: string, headers?: object, body?: string, graphql: boolean}} target
 */
export async function runAutocannon(target, profile, hooks = {}) {
  const windows = windowed({ ...profile, ...hooks });
  const finished = new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method,
        headers: target.headers,
        body: target.body,
        requests: [{ path: target.path }],
        connections: profile.connections,
        duration: 3600, // stopped by the windows
        pipelining: 1,
        sampleInt: 100, // how soon a stop takes effect
        ...(target.graphql ? { verifyBody: hasNoGraphqlErrors } : {}),
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on("response", (_client, status, _bytes, latencyMs) =>
      windows.record(latencyMs, status >= 200 && status < 300 ? "ok" : "non2xx"),
    );
    instance.on("reqError", () => windows.record(0, "error"));
    instance.on("reqMismatch", () => windows.record(0, "error"));
    windows.done.then(() => instance.stop());
  });
  await finished;
  return windows.results();
}

/**
 * `connections` walkers, each walking the connection from its first page to its last, again and again,
 * until the windows are over. Requests are pages; walks per second are pages per second over pages
 * per walk (so walks cut short by a window edge count for what they did). Every walk that finishes
 * must have returned exactly `expectedEdges` orders, or it counts as an error.
 * @param {{ url: string, pagesPerWalk: number, expectedEdges: number,
 *   page: (pool: Pool, index: number, after: string|null) => Promise<{after: string|null, edges: number, ok: boolean}> }} target
 */
export async function runWalks(target, profile, hooks = {}) {
  const pool = new Pool(target.url, { connections: profile.connections, pipelining: 1 });
  const windows = windowed({ ...profile, ...hooks });
  const walker = async () => {
    while (!windows.finished) {
      let after = null;
      let edges = 0;
      for (let index = 0; !windows.finished; index += 1) {
        const t0 = performance.now();
        const page = await target.page(pool, index, after).catch(() => ({ ok: false }));
        if (!page.ok) {
          windows.record(0, "error");
          break;
        }
        windows.record(performance.now() - t0);
        edges += page.edges;
        after = page.after;
        if (after === null) {
          if (edges !== target.expectedEdges) windows.record(0, "error");
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: profile.connections }, walker));
  await pool.close();
  return windows.results().map((w) => ({ ...w, walksPerSecond: w.rps / target.pagesPerWalk }));
}
