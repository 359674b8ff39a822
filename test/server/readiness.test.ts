import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  startWeixin12315Simulator,
  type Weixin12315Simulator,
} from "../../src/simulators/weixin12315/index.js";
import { startTestStack, TEST_CREDENTIALS, type TestStack } from "../support/stack.js";

let stack: TestStack;
let restarted: Weixin12315Simulator | undefined;

beforeAll(async () => {
  // Every probe calls: this file is about following the upstreams, not about sparing quota.
  stack = await startTestStack({ orderCount: 50, env: { READY_PROOF_SECONDS: "0" } });
});
afterAll(async () => {
  await restarted?.close();
  await stack?.close();
});

async function ready() {
  const response = await fetch(`${stack.url}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /ready follows the upstreams", () => {
  it("is 200 while both simulators answer, 503 while one is down, and 200 again once it is back", async () => {
    expect((await ready()).status).toBe(200);

    const port = stack.weixin12315.port;
    await stack.weixin12315.close();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      ready: false,
      checks: {
        config: { ok: true },
        MINI_STORE: { ok: true },
        WEIXIN12315: { ok: false, configured: true, error: { code: "UPSTREAM_UNAVAILABLE" } },
      },
    });
    // Liveness is not readiness: the process is still healthy.
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);

    restarted = await startWeixin12315Simulator({
      port,
      appId: TEST_CREDENTIALS.wx12315AppId,
      appSecret: TEST_CREDENTIALS.wx12315AppSecret,
      orderCount: 10,
    });
    const back = await ready();
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      ready: true,
      checks: { WEIXIN12315: { ok: true, breaker: "closed" } },
    });
  });
});
