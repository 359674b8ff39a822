// SIGTERM during a slow upstream call: the built service finishes that request, then exits 0. With a
// backlog, work not started is answered 503 + Retry-After at once and in-flight work drains; a Redis
// that refuses the password does not change the exit code.
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
async function startService(env: Record<string, string> = {}): Promise<string> {
  lines.length = 0;
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
      ...env,
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

function lookup(url: string, orderId: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { __typename } }",
      variables: { n: orderId },
    }),
  });
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
    // The drained operation was answered and logged as a success (its line may come after "stopped" on
    // a loaded machine: what matters is that it finished, not the order the two lines reach stdout).
    expect(lines.filter((l) => l.msg === "graphql operation").map((l) => l.status)).toEqual([200]);
  });

  it("with 300 operations queued: the waiting ones get 503 + Retry-After, in-flight ones finish, exit 0", async () => {
    const url = await startService({ MAX_CONCURRENT_OPERATIONS: "4", OPERATION_DEADLINE_MS: "600000" });
    const orderId = String(simulators.wechat.orders()[0]!.order_id);
    const warm = await lookup(url, orderId); // token cached: each operation below is one upstream call
    expect(warm.status).toBe(200);
    simulators.wechat.resetStats();
    simulators.wechat.setFaults({ latencyMs: 1_500 });
    try {
      // Each asks for an order no other asks for (seeded, then unknown ids: still one call each): with
      // identical ones, the cache and single-flight would answer most without an upstream call.
      const orderIds = simulators.wechat.orders().map((order) => String(order.order_id));
      const distinct = (i: number) => orderIds[i + 1] ?? String(9_000_000_000_000n + BigInt(i));
      const answers = Array.from({ length: 300 }, (_, i) =>
        lookup(url, distinct(i)).then(
          async (response) => ({
            status: response.status,
            retryAfter: response.headers.get("retry-after"),
            body: await response.text(),
          }),
          (error: Error) => ({ status: 0, retryAfter: null, body: error.message }),
        ),
      );
      await until(() => (simulators.wechat.stats().calls["product/order/get"] ?? 0) >= 4);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the rest parsed and queued
      const exited = once(child!, "exit");
      child!.kill("SIGTERM");
      const outcomes = await Promise.all(answers);
      const [code, signal] = (await exited) as [number | null, string | null];

      const ok = outcomes.filter((o) => o.status === 200);
      const refused = outcomes.filter((o) => o.status === 503);
      console.info(
        `SIGTERM with 300 queued: ${ok.length} answered 200, ${refused.length} answered 503, exit ${code}`,
      );
      expect(outcomes.filter((o) => o.status !== 200 && o.status !== 503)).toEqual([]);
      expect(ok.length).toBeGreaterThanOrEqual(4); // in flight when the signal came
      expect(ok.length).toBe(simulators.wechat.stats().calls["product/order/get"]);
      for (const refusal of refused) {
        expect(refusal.retryAfter).not.toBeNull();
        expect(refusal.body).toContain("SERVICE_OVERLOADED");
      }
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    } finally {
      simulators.wechat.setFaults({});
    }
  }, 60_000);

  it("exits 0 on SIGTERM when Redis refuses the password", async () => {
    const url = await startService({ REDIS_URL: "redis://nobody-i17:wrong-password@127.0.0.1:6379" });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const exited = once(child!, "exit");
    child!.kill("SIGTERM");
    const [code, signal] = (await exited) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
