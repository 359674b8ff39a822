// bench/results/latest.md (tables) and latest.json (every number, plus how the run was made).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

import { SIMULATORS, WALK } from "./settings.mjs";

const TARGETS = { throughputRatio: 0.9, addedP50Ms: 2, addedP50AtConnections: 50, peakRssMb: 150 };

const MB = 1024 * 1024;
const fixed = (value, digits) =>
  value === undefined || value === null || Number.isNaN(value) ? "–" : value.toFixed(digits);
const range = (s, digits) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;
const triple = (values, digits) =>
  `${fixed(values.ours, digits)} · ${fixed(values.baseline, digits)} · ${fixed(values.floor, digits)}`;
const mark = (ok) => (ok === undefined ? "" : ok ? " ✓" : " ✗");

/** Time values in upstream bodies depend on when the window was pinned; the calls are the same without them. */
const callSignature = (plan) =>
  JSON.stringify(
    plan.map((page) =>
      page
        .map((c) => `${c.sim} ${c.path} ${c.body.replace(/"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"/g, '"T"')}`)
        .sort(),
    ),
  );
/**
 * Cursors carry the instant a walk was pinned, and the default 30-day window (so `totalCount`) moves
 * with the clock between two probes; the orders may not differ.
 */
const UNPINNED = new Set(["cursor", "startCursor", "endCursor", "totalCount"]);
const dataSignature = (data) => JSON.stringify(data, (key, value) => (UNPINNED.has(key) ? undefined : value));

function comparisons(scenarios, probes, cells) {
  const cell = (system, scenario, connections) =>
    cells.find((c) => c.system === system && c.scenario === scenario && c.connections === connections);
  const connectionCounts = [...new Set(cells.map((c) => c.connections))];
  return scenarios.flatMap((scenario) => {
    const ours = probes.ours?.[scenario.name];
    const baseline = probes.baseline?.[scenario.name];
    const both = ours?.ok && baseline?.ok;
    return connectionCounts.map((connections) => {
      const o = cell("ours", scenario.name, connections);
      const b = cell("baseline", scenario.name, connections);
      const f = cell("floor", scenario.name, connections);
      const ratio = o && b ? o.rps.median / b.rps.median : undefined;
      const added = o && f ? o.p50.median - f.p50.median : undefined;
      const peakMb = o?.peakRssBytes !== undefined ? o.peakRssBytes / MB : undefined;
      return {
        scenario: scenario.name,
        connections,
        oursRps: o?.rps.median,
        baselineRps: b?.rps.median,
        floorRps: f?.rps.median,
        oursOverBaseline: ratio,
        oursMinusFloorP50Ms: added,
        oursMinusBaselineP50Ms: o && b ? o.p50.median - b.p50.median : undefined,
        cpuMsPerRequest: {
          ours: o?.cpuMsPerRequest,
          baseline: b?.cpuMsPerRequest,
          floor: f?.cpuMsPerRequest,
        },
        // Sequential requests (from the probes): the per-request cost without concurrency.
        sequentialCpuMsPerRequest: {
          ours: ours?.cpuMsPerRequest,
          baseline: baseline?.cpuMsPerRequest,
          floor: probes.floor?.[scenario.name]?.cpuMsPerRequest,
        },
        oursPeakRssMb: peakMb,
        oursFailures: o ? o.errors + o.non2xx : undefined,
        upstreamCallsPerRequest: {
          ours: ours?.upstreamCallsPerRequest,
          baseline: baseline?.upstreamCallsPerRequest,
          floor: probes.floor?.[scenario.name]?.upstreamCallsPerRequest,
        },
        minimumUpstreamCalls: scenario.minimumUpstreamCalls,
        sameUpstreamCalls: both ? callSignature(ours.plan) === callSignature(baseline.plan) : undefined,
        sameData: both ? dataSignature(ours.data) === dataSignature(baseline.data) : undefined,
        targets: {
          throughput: ratio === undefined ? undefined : ratio >= TARGETS.throughputRatio,
          addedP50:
            added === undefined || connections !== TARGETS.addedP50AtConnections
              ? undefined
              : added <= TARGETS.addedP50Ms,
          peakRss: peakMb === undefined ? undefined : peakMb <= TARGETS.peakRssMb,
          noFailures: o ? o.errors + o.non2xx === 0 : undefined,
          minimumCalls: ours?.ok ? ours.upstreamCallsPerRequest === scenario.minimumUpstreamCalls : undefined,
        },
      };
    });
  });
}

function environment() {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpuList[0]?.model ?? "unknown"} × ${cpuList.length}`,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
  };
}

function markdown({ generatedAt, env, profile, scenarios, probes, cells, skipped, rows }) {
  const title = Object.fromEntries(scenarios.map((s) => [s.name, s.title]));
  const out = [];
  out.push("# Benchmark results", "");
  out.push(
    `Generated ${generatedAt} by \`npm run bench\`${profile.quick ? " (BENCH_QUICK=1: smoke run, not for comparison)" : ""}. ` +
      `Node ${env.node}, ${env.platform}, ${env.cpu}, ${env.memoryGb} GB. ` +
      `Each cell is one continuous run: a warm-up of ${profile.warmupSeconds} s (and until every connection has completed a request), ` +
      `then ${profile.repetitions} consecutive ${profile.durationSeconds} s windows; medians with (min–max) over the windows.`,
    "",
    `Simulators on loopback, no added latency: WeChat ${SIMULATORS.wechat.orderCount} orders over ${SIMULATORS.wechat.days} days, ` +
      `weixin12315 ${SIMULATORS.weixin12315.orderCount} over ${SIMULATORS.weixin12315.days} days (seed ${SIMULATORS.wechat.seed}). ` +
      "How to read this: docs/benchmarks.md.",
    "",
  );

  out.push("## Targets", "");
  out.push(
    `| scenario | conns | ours req/s | baseline req/s | ours/baseline (≥ ${TARGETS.throughputRatio}) | ours p50 − floor p50, ms (≤ ${TARGETS.addedP50Ms} at ${TARGETS.addedP50AtConnections}) | CPU ms/req under load: ours · baseline · floor | ours peak RSS, MB (≤ ${TARGETS.peakRssMb}) | ours errors + non-2xx (0) | upstream calls/req ours · baseline · floor (minimum) |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  );
  for (const r of rows) {
    const calls = r.upstreamCallsPerRequest;
    out.push(
      `| ${r.scenario} | ${r.connections} | ${fixed(r.oursRps, 0)} | ${fixed(r.baselineRps, 0)} | ${fixed(r.oursOverBaseline, 2)}${mark(r.targets.throughput)} | ` +
        `${fixed(r.oursMinusFloorP50Ms, 1)}${mark(r.targets.addedP50)} | ${triple(r.cpuMsPerRequest, 1)} | ` +
        `${fixed(r.oursPeakRssMb, 0)}${mark(r.targets.peakRss)} | ` +
        `${r.oursFailures ?? "–"}${mark(r.targets.noFailures)} | ${triple(calls, 1)} (${r.minimumUpstreamCalls})${mark(r.targets.minimumCalls)} |`,
    );
  }
  out.push("");

  out.push("## Every cell", "");
  out.push(
    "| scenario | system | conns | req/s | p50 ms | p99 ms | CPU ms/req under load | simulators CPU ms/req | peak RSS MB | upstream calls/req | KB fetched/req | KB returned/req | errors | non-2xx |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const c of cells) {
    const probe = probes[c.system]?.[c.scenario];
    out.push(
      `| ${c.scenario} | ${c.system} | ${c.connections} | ${range(c.rps, 0)} | ${range(c.p50, 1)} | ${range(c.p99, 1)} | ` +
        `${fixed(c.cpuMsPerRequest, 1)} | ${fixed(c.simulatorCpuMsPerRequest, 1)} | ` +
        `${fixed(c.peakRssBytes / MB, 0)} | ${fixed(probe?.upstreamCallsPerRequest, 1)} | ${fixed(probe?.bytesFetchedPerRequest / 1024, 1)} | ` +
        `${fixed(probe?.bytesReturnedPerRequest / 1024, 1)} | ${c.errors} | ${c.non2xx} |`,
    );
  }
  out.push("");

  const walk = scenarios.find((s) => s.walk);
  const walkCells = cells.filter((c) => c.walksPerSecond);
  if (walk && walkCells.length > 0) {
    out.push(
      "## Walks",
      "",
      `${walk.title}: a walk is ${probes.ours?.[walk.name]?.requests ?? "–"} sequential pages; req/s above are pages/s.`,
      "",
    );
    out.push(
      "| system | conns (concurrent walkers) | walks/s | per-page p50 ms | per-page p99 ms |",
      "|---|---:|---:|---:|---:|",
    );
    for (const c of walkCells)
      out.push(
        `| ${c.system} | ${c.connections} | ${range(c.walksPerSecond, 2)} | ${range(c.p50, 1)} | ${range(c.p99, 1)} |`,
      );
    out.push("");
  }

  out.push("## Same work", "");
  out.push(
    "| scenario | same upstream calls, ours vs baseline | same data, ours vs baseline | CPU ms/req, sequential: ours · baseline · floor |",
    "|---|---|---|---:|",
  );
  for (const r of rows.filter((r, i) => rows.findIndex((x) => x.scenario === r.scenario) === i)) {
    const yes = (v) => (v === undefined ? "–" : v ? "yes" : "NO");
    out.push(
      `| ${r.scenario} | ${yes(r.sameUpstreamCalls)} | ${yes(r.sameData)} | ${triple(r.sequentialCpuMsPerRequest, 1)} |`,
    );
  }
  out.push("");
  out.push("Scenarios:", "", ...scenarios.map((s) => `- \`${s.name}\`: ${title[s.name]}`), "");
  if (skipped.length > 0) {
    out.push(
      "## Not measured",
      "",
      ...skipped.map((s) => `- ${s.system}${s.scenario ? ` ${s.scenario}` : ""}: ${s.reason}`),
      "",
    );
  }
  return out.join("\n");
}

export function writeReport({ profile, scenarios, probes, cells, skipped }) {
  const generatedAt = new Date().toISOString();
  const env = environment();
  const rows = comparisons(scenarios, probes, cells);
  const dir = new URL("../results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const strippedProbes = Object.fromEntries(
    Object.entries(probes).map(([system, byScenario]) => [
      system,
      Object.fromEntries(
        Object.entries(byScenario).map(([name, { data: _data, plan, ...rest }]) => [
          name,
          { ...rest, upstreamCallsPerPage: plan?.map((p) => p.length) },
        ]),
      ),
    ]),
  );
  const json = {
    generatedAt,
    environment: env,
    profile,
    targets: TARGETS,
    simulators: {
      wechat: { ...SIMULATORS.wechat, secret: undefined },
      weixin12315: { ...SIMULATORS.weixin12315, appSecret: undefined },
    },
    walk: WALK,
    scenarios: scenarios.map(({ name, title, query, variables, minimumUpstreamCalls }) => ({
      name,
      title,
      minimumUpstreamCalls,
      query,
      variables,
    })),
    probes: strippedProbes,
    cells,
    comparisons: rows,
    skipped,
  };
  const md = new URL("latest.md", dir);
  const js = new URL("latest.json", dir);
  writeFileSync(md, markdown({ generatedAt, env, profile, scenarios, probes, cells, skipped, rows }) + "\n");
  writeFileSync(js, JSON.stringify(json, null, 2) + "\n");
  return [md.pathname, js.pathname];
}
