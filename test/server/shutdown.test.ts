// SIGTERM during a slow upstream call: the built service finishes that request, then exits 0.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { createInterface } from "node:readline";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulators, type RunningSimulators } from "../../src/simulators/index.js";
import { TEST_CREDENTIALS } from "../support/stack.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const MAIN = `${ROOT}dist/server/main.js`;

let simulators: RunningSimulators;
let child: ChildProcess | undefined;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  // Incremental, so quick when dist is fresh; other areas' type errors must not stop the emit.
  spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
  expect(existsSync(MAIN)).toBe(true);
  simulators = await startSimulators({
    orderCount: 50,
    wechat: { appid: TEST_CREDENTIALS.wechatAppid, secret: TEST_CREDENTIALS.wechatSecret },
    weixin12315: { appId: TEST_CREDENTIALS.wx12315AppId, appSecret: TEST_CREDENTIALS.wx12315AppSecret },
  });
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await simulators?.close();
});

/** Starts `node dist/server/main.js` in production mode against the simulators; resolves to its base URL. */
async function startService(): Promise<string> {
  child = spawn(process.execPath, [MAIN], {
    cwd: tmpdir(), // away from any developer's .env

    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      CURSOR_SECRET: "shutdown-test-cursor-secret-0123456789",
      WECHAT_API_BASE: simulators.wechat.url,
      WECHAT_APPID: TEST_CREDENTIALS.wechatAppid,
      WECHAT_SECRET: TEST_CREDENTIALS.wechatSecret,
      WX12315_API_BASE: simulators.weixin12315.url,
      WX12315_APP_ID: TEST_CREDENTIALS.wx12315AppId,
      WX12315_APP_SECRET: TEST_CREDENTIALS.wx12315AppSecret,
    },
  });
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child!.stdout! }).on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (entry.msg === "orders subgraph listening") resolve(String(entry.url).replace(/\/graphql$/, ""));
    });
    child!.once("exit", (code) => reject(new Error(`service exited early with code ${code}`)));
  });
  return listening;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

describe("graceful shutdown", () => {
  it("lets an in-flight operation finish after SIGTERM, then exits 0", async () => {
    const url = await startService();
    const orderId = String(simulators.wechat.orders()[0]!.order_id);
    simulators.wechat.setFaults({ latencyMs: 1_500 });

    const inFlight = fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          "query Slow($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { ... on OrderCommon { orderNumber } } }",
        variables: { n: orderId },
      }),
    });
    // The order call has reached the (slow) upstream: the operation is in flight.
    await until(() => (simulators.wechat.stats().calls["product/order/get"] ?? 0) >= 1);
    const exited = once(child!, "exit");
    child!.kill("SIGTERM");

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { orderByNumber: { orderNumber: orderId } } });

    const [code, signal] = (await exited) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const messages = lines.map((l) => l.msg);
    expect(messages).toEqual(
      expect.arrayContaining(["shutting down: draining in-flight operations", "stopped"]),
    );
    expect(messages.indexOf("graphql operation")).toBeLessThan(messages.indexOf("stopped"));
  });
});
