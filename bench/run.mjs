// `npm run bench`: the built subgraph against a hand-written graphql-js baseline and the upstream floor,
// on loopback against the simulators, in one run. Writes bench/results/latest.md and latest.json.
//   npm run bench                       full run (about 4 minutes on 2 cores)
//   BENCH_QUICK=1 npm run bench         smoke run (about 1 minute)
//   npm run bench -- --profile <name>   the subgraph alone under --cpu-prof on one scenario
//   --scenarios a,b  --systems ours,floor  restrict a run (the floor needs ours or the baseline before it)
//   --economy only|skip                 issue 16's upstream economy (cache off/on, peer) alone, or not at all
// See docs/benchmarks.md for what each number means.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { economyRun } from "./lib/economy.mjs";
import { measureCell, probeScenario } from "./lib/measure.mjs";
import { profileScenario } from "./lib/profile.mjs";
import { writeReport } from "./lib/report.mjs";
import { buildScenarios } from "./lib/scenarios.mjs";
import { loadProfile } from "./lib/settings.mjs";
import { startChild } from "./lib/processes.mjs";
import { SYSTEMS, startSystem, stopSharedProcesses } from "./lib/systems.mjs";

const { values: options } = parseArgs({
  options: {
    profile: { type: "string" },
    scenarios: { type: "string" },
    systems: { type: "string" },
    connections: { type: "string" },
    seconds: { type: "string" },
    economy: { type: "string" },
  },
});

const profile = loadProfile();
const log = (...parts) =>
  console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)}s]`, ...parts);
const t0 = performance.now();

const sdl = execFileSync(
  process.execPath,
  [fileURLToPath(new URL("./lib/subgraph-sdl.mjs", import.meta.url))],
  { encoding: "utf8" },
);
const workDir = mkdtempSync(join(tmpdir(), "bench-"));
const schemaFile = join(workDir, "subgraph.graphql");
writeFileSync(schemaFile, sdl);
const upstreams = startChild(new URL("./lib/upstreams.mjs", import.meta.url), { name: "the simulators" });
const { urls, orders } = await upstreams.ready;
const only = (list, names) =>
  names ? list.filter((item) => names.split(",").includes(item.name ?? item)) : list;
const allScenarios = buildScenarios(sdl, orders);
const scenarios = only(allScenarios, options.scenarios);
// Issue 16's upstream economy (cache off/on, peer): after the full run; `--economy only` alone, `--economy skip` not.
const economy = options.economy ?? (options.scenarios || options.systems ? "skip" : "after");

try {
  if (options.profile !== undefined) {
    const scenario = scenarios.find((s) => s.name === options.profile);
    if (!scenario) throw new Error(`--profile takes one of: ${scenarios.map((s) => s.name).join(", ")}`);
    await profileScenario(scenario, urls, upstreams, {
      connections: Number(options.connections ?? 50),
      seconds: Number(options.seconds ?? 10),
      log,
    });
  } else {
    if (economy !== "only") await fullRun();
    if (economy !== "skip") {
      const files = await economyRun({ urls, upstreams, scenarios: allScenarios, sdl, log });
      log(`wrote ${files.join(", ")}`);
    }
  }
} finally {
  await stopSharedProcesses();
  await upstreams.stop();
  rmSync(workDir, { recursive: true, force: true });
}

async function fullRun() {
  log(
    `${profile.quick ? "quick" : "full"} run: ${scenarios.length} scenarios × ${SYSTEMS.join("/")} × ${profile.connections.join("/")} connections, ` +
      `${profile.repetitions} × ${profile.durationSeconds} s windows after a ${profile.warmupSeconds} s warm-up`,
  );
  const probes = {}; // system → scenario → probe
  const cells = [];
  const skipped = [];
  const plans = {};

  const unavailable = new Set();
  // Scenario by scenario, the systems one after the other: the cells compared with each other are
  // measured minutes apart at most, so a drifting machine (CPU steal) skews the ratios less.
  for (const scenario of scenarios) {
    for (const systemName of only(SYSTEMS, options.systems)) {
      if (unavailable.has(systemName)) continue;
      probes[systemName] ??= {};
      if (systemName === "floor" && !plans[scenario.name]) {
        skipped.push({
          system: systemName,
          scenario: scenario.name,
          reason: "no GraphQL server answered it, so there are no calls to replay",
        });
        continue;
      }
      // A fresh process per cell: its peak RSS is its own, and no abandoned requests of the previous
      // cell are still being served. The first cell reuses the process that answered the probe.
      let system = await startOrSkip(systemName, { plans, schemaFile }, skipped);
      if (!system) {
        unavailable.add(systemName);
        continue;
      }
      const probe = await probeScenario(system, scenario, upstreams, profile.probe);
      probes[systemName][scenario.name] = probe;
      if (!probe.ok) {
        skipped.push({ system: systemName, scenario: scenario.name, reason: probe.failure });
        log(`${systemName} ${scenario.name}: probe failed: ${probe.failure}`);
        await system.kill();
        continue;
      }
      // The floor replays the calls of the first GraphQL server that answered (ours when it runs).
      plans[scenario.name] ??= probe.plan;
      for (const [i, connections] of profile.connections.entries()) {
        if (i > 0) system = await startSystem(systemName, urls, { plans, schemaFile });
        const cell = await measureCell(system, scenario, upstreams, probe, { ...profile, connections });
        await system.kill();
        cells.push(cell);
        log(
          `${systemName.padEnd(8)} ${scenario.name.padEnd(28)} c=${String(connections).padEnd(3)}`,
          `${cell.rps.median.toFixed(1).padStart(7)} req/s  p50 ${cell.p50.median.toFixed(1)} ms  p99 ${cell.p99.median.toFixed(1)} ms`,
          `  CPU ${cell.cpuMsPerRequest?.toFixed(1)} ms/req  peak RSS ${(cell.peakRssBytes / 2 ** 20).toFixed(0)} MB`,
          cell.errors + cell.non2xx > 0 ? ` ERRORS ${cell.errors} non2xx ${cell.non2xx}` : "",
        );
      }
    }
  }

  const files = writeReport({ profile, scenarios, probes, cells, skipped });
  log(`wrote ${files.join(", ")}`);
}

async function startOrSkip(systemName, options, skipped) {
  try {
    return await startSystem(systemName, urls, options);
  } catch (error) {
    const reason = error.message.split("\n")[0];
    skipped.push({ system: systemName, reason });
    log(`${systemName}: not measured (${reason})`);
    return undefined;
  }
}
