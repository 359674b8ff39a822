// `npm run bench -- --profile <scenario>`: the subgraph alone under `--cpu-prof` on one scenario, then
// the functions with the most self time, ours first (dist/ positions mapped back to src/ with the
// build's source maps). The .cpuprofile is kept in bench/results/ for Chrome DevTools.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { measureCell, probeScenario } from "./measure.mjs";
import { startSystem } from "./systems.mjs";

const distDir = fileURLToPath(new URL("../../dist/", import.meta.url));
const sourceMaps = new Map();

function sourceMapOf(file) {
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`;
    sourceMaps.set(
      file,
      existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null,
    );
  }
  return sourceMaps.get(file);
}

/** Where a profile node's function lives: our src/ position, a package, or Node itself. */
function placeOf({ url, lineNumber, columnNumber }) {
  if (!url) return { kind: "vm", where: "" };
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (file.startsWith(distDir)) {
    const entry = sourceMapOf(file)?.findEntry(lineNumber, columnNumber);
    const source = entry?.originalSource
      ? entry.originalSource.replace(/^.*?\/src\//, "src/")
      : file.slice(distDir.length - 5);
    return { kind: "ours", where: `${source}:${(entry?.originalLine ?? lineNumber) + 1}` };
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return { kind: "package", where: pkg[1] };
  if (file.startsWith("node:")) return { kind: "node", where: "node internals" };
  return { kind: "other", where: file };
}

/** Self time per function (µs), with the share of all busy (non-idle) time. */
function analyseCpuProfile(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map();
  const byPlace = new Map();
  let busy = 0;
  for (const [id, micros] of self) {
    const { callFrame } = nodes.get(id);
    const name = callFrame.functionName || "(anonymous)";
    if (name === "(idle)") continue;
    busy += micros;
    const place = placeOf(callFrame);
    const key = `${name} ${place.where}:${callFrame.lineNumber}`;
    const entry = byFunction.get(key) ?? { name, ...place, micros: 0 };
    entry.micros += micros;
    byFunction.set(key, entry);
    const group = place.kind === "vm" ? name : place.kind === "ours" ? "our code (src/)" : place.where;
    byPlace.set(group, (byPlace.get(group) ?? 0) + micros);
  }
  const share = (micros) => (100 * micros) / busy;
  const functions = [...byFunction.values()]
    .sort((a, b) => b.micros - a.micros)
    .map((f) => ({ ...f, percent: share(f.micros) }));
  return {
    busyMs: busy / 1000,
    byPlace: [...byPlace]
      .sort((a, b) => b[1] - a[1])
      .map(([place, micros]) => ({ place, percent: share(micros) })),
    ours: functions.filter((f) => f.kind === "ours"),
    all: functions,
  };
}

function printAnalysis(analysis) {
  const pct = (p) => `${p.toFixed(1).padStart(5)}%`;
  console.log(`\nbusy CPU time sampled: ${analysis.busyMs.toFixed(0)} ms\n\nself time by place:`);
  for (const { place, percent } of analysis.byPlace.slice(0, 15)) console.log(`  ${pct(percent)}  ${place}`);
  console.log("\ntop self time in our code:");
  for (const f of analysis.ours.slice(0, 20)) console.log(`  ${pct(f.percent)}  ${f.name}  ${f.where}`);
  console.log("\ntop self time overall:");
  for (const f of analysis.all.slice(0, 20)) console.log(`  ${pct(f.percent)}  ${f.name}  ${f.where}`);
}

export async function profileScenario(scenario, urls, upstreams, { connections, seconds, log }) {
  const profileDir = mkdtempSync(join(tmpdir(), "bench-cpu-prof-"));
  try {
    const ours = await startSystem("ours", urls, { profileDir });
    let cell;
    try {
      const probe = await probeScenario(ours, scenario, upstreams);
      if (!probe.ok) throw new Error(`${scenario.name} fails on the subgraph: ${probe.failure}`);
      log(`profiling ${scenario.name}: ${connections} connections, ${seconds} s`);
      cell = await measureCell(ours, scenario, upstreams, probe, {
        connections,
        warmupSeconds: 1,
        durationSeconds: seconds,
        repetitions: 1,
      });
    } finally {
      await ours.stop(); // the profile is written as the process exits
    }
    log(
      `${cell.rps.median.toFixed(0)} req/s, p50 ${cell.p50.median.toFixed(1)} ms, p99 ${cell.p99.median.toFixed(1)} ms, errors ${cell.errors + cell.non2xx}`,
    );
    const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error("the subgraph exited without writing a CPU profile");
    const kept = fileURLToPath(new URL(`../results/${scenario.name}.cpuprofile`, import.meta.url));
    copyFileSync(join(profileDir, file), kept);
    printAnalysis(analyseCpuProfile(JSON.parse(readFileSync(kept, "utf8"))));
    log(`profile kept in ${kept} (open it in Chrome DevTools › Performance)`);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}
