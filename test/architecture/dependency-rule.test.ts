// The dependency rule of docs/architecture.md as `npm run lint` checks it (.dependency-cruiser.cjs):
// each back-edge the redesign removed is reported again if it comes back, and the allowed
// directions are not. Each case is a tiny source tree in a temporary folder, cruised with the
// project's own rule set.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { cruise, type ICruiseResult, type IFlattenedRuleSet } from "dependency-cruiser";
import { afterEach, describe, expect, it } from "vitest";

const { forbidden } = createRequire(import.meta.url)("../../.dependency-cruiser.cjs") as IFlattenedRuleSet;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Rule names violated by a tree of `path → source` files under `src/`. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), "dependency-rule-"));
  folders.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, "src", path)), { recursive: true });
    writeFileSync(join(root, "src", path), source);
  }
  const { output } = await cruise(["src"], {
    baseDir: root,
    validate: true,
    ruleSet: { forbidden },
    tsPreCompilationDeps: true,
    outputType: "json",
  });
  const result = (typeof output === "string" ? JSON.parse(output) : output) as ICruiseResult;
  return result.summary.violations.map((v) => v.rule.name).sort();
}

/** `from/a.ts` importing a value of `to/b.ts`. */
const edge = (from: string, to: string, importLine = `import { b } from "../${to}/b";`) => ({
  [`${from}/a.ts`]: `${importLine}\nexport const a = b;\n`,
  [`${to}/b.ts`]: "export const b = 1;\nexport type B = number;\n",
});

describe("the dependency rule", () => {
  // The back-edges listed in issue 15, plus the telemetry folder's own limit.
  it.each([
    ["schema", "resolvers", "schema-imports-only-shared-pagination-cross-cutting"],
    ["pagination", "resolvers", "pagination-imports-only-shared-cross-cutting"],
    ["pagination", "schema", "pagination-imports-only-shared-cross-cutting"],
    ["pagination", "datasources", "pagination-imports-only-shared-cross-cutting"],
    ["datasources", "schema", "datasources-imports-only-shared-cross-cutting"],
    ["simulators", "server", "simulators-imports-only-shared"],
    [
      "resolvers",
      "server",
      "resolvers-imports-only-shared-datasources-pagination-schema-orders-cross-cutting",
    ],
    ["telemetry", "datasources", "telemetry-imports-only-shared"],
    ["shared", "pagination", "shared-imports-only-itself"],
  ])("reports %s → %s", async (from, to, rule) => {
    expect(await violations(edge(from, to))).toEqual([rule]);
  });

  it("lets the schema use pagination's value types, but not its code", async () => {
    expect(
      await violations(edge("schema", "pagination", `import type { B as b } from "../pagination/b";`)),
    ).toEqual([]);
    expect(await violations(edge("schema", "pagination"))).toEqual([
      "schema-imports-only-pagination-value-types",
    ]);
  });

  it("reports an import cycle inside a folder", async () => {
    const cycle = {
      "server/admission.ts": 'import { config } from "./config";\nexport const admission = config;\n',
      "server/config.ts":
        'import type { admission } from "./admission";\nexport const config = 1;\nexport type A = typeof admission;\n',
    };
    expect(await violations(cycle)).toEqual(["no-circular"]);
  });

  it.each([
    ["orders", "datasources"],
    ["orders", "schema"],
    ["orders", "pagination"],
    ["resolvers", "orders"],
    ["server", "simulators"],
    ["datasources", "telemetry"],
    ["simulators", "shared"],
  ])("allows %s → %s", async (from, to) => {
    expect(await violations(edge(from, to))).toEqual([]);
  });

  it("lets nobody but the server start the simulators", async () => {
    expect(await violations(edge("resolvers", "simulators"))).toEqual([
      "only-server-starts-simulators",
      "resolvers-imports-only-shared-datasources-pagination-schema-orders-cross-cutting",
    ]);
  });
});
