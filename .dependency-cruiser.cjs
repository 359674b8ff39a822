// The dependency rule of src/ (docs/architecture.md), checked by `npm run lint`: imports go one
// way, each folder may import only the folders listed for it (besides its own files), no cycles.
// Cross-cutting folders (telemetry, budget, cache) sit beside shared: any layer may import them;
// they import nothing but shared (and each other, without cycles).
const CROSS_CUTTING = ["telemetry", "budget", "cache"];

/** Folder → the folders its files may import (besides its own). */
const ALLOWED = {
  shared: [],
  telemetry: ["shared"],
  budget: ["shared", "telemetry"],
  cache: ["shared", "telemetry"],
  datasources: ["shared", ...CROSS_CUTTING],
  pagination: ["shared", ...CROSS_CUTTING],
  schema: ["shared", "pagination", ...CROSS_CUTTING],
  orders: ["shared", "datasources", "pagination", "schema", ...CROSS_CUTTING],
  resolvers: ["shared", "datasources", "pagination", "schema", "orders", ...CROSS_CUTTING],
  simulators: ["shared"],
};

/** A rule's name: the layers it allows, and "cross-cutting" for all cross-cutting folders at once. */
function ruleName(folder, allowed) {
  const crossCutting = CROSS_CUTTING.every((f) => allowed.includes(f));
  const named = crossCutting ? allowed.filter((f) => !CROSS_CUTTING.includes(f)) : allowed;
  const parts = [...named, ...(crossCutting ? ["cross-cutting"] : [])];
  return `${folder}-imports-only-${parts.length ? parts.join("-") : "itself"}`;
}

const folderRules = Object.entries(ALLOWED).map(([folder, allowed]) => ({
  name: ruleName(folder, allowed),
  comment: `src/${folder} may import ${allowed.length ? allowed.map((f) => `src/${f}`).join(", ") : "nothing else in src"}`,
  severity: "error",
  from: { path: `^src/${folder}/` },
  to: { path: "^src/", pathNot: `^src/(${[folder, ...allowed].join("|")})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...folderRules,
    {
      name: "schema-imports-only-pagination-value-types",
      comment: "src/schema may use pagination's value types (page info, connection page), not its code",
      severity: "error",
      from: { path: "^src/schema/" },
      to: { path: "^src/pagination/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "only-server-starts-simulators",
      comment: "the simulators are test doubles of the upstreams; only demo mode (src/server) starts them",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(server|simulators)/" },
      to: { path: "^src/simulators/" },
    },
    {
      name: "no-circular",
      comment: "no import cycles",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^src/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
