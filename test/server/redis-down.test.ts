// Item 8 of issue 16: Redis going away never fails or stalls a GraphQL request. Two service instances
// share a real redis-server started here on a free loopback port; it is killed while the WeChat token
// has expired, and restarted: the token store and the call budgets fall back to each process with one
// warning each, and share through Redis again once it is back.
import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createOrdersServer, type OrdersServer } from "../../src/server/app.js";
import { freePort, hasRedisServer, startRedisServer, stopRedisServer } from "../support/redis-server.js";
import { startTestStack, type TestStack } from "../support/stack.js";

const BY_NUMBER = "query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { __typename } }";

if (!hasRedisServer) console.warn("test/server/redis-down.test.ts skipped: no redis-server on PATH");

describe.skipIf(!hasRedisServer)("Redis down: token store and call budget fall back, and recover", () => {
  let port: number;
  let redisServer: ChildProcess;
  let stack: TestStack;
  let replica: OrdersServer;
  let replicaUrl: string;
  let numbers: string[];
  const keyPrefix = "weixin-orders-subgraph:wechat-token:wxstack00000000001";

  const lookup = async (url: string, n: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: BY_NUMBER, variables: { n } }),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown[] };
  };
  /** Lookups on both instances at once; every answer and how long the slowest took. */
  const lookupsOnBoth = async (count: number) => {
    const started = Date.now();
    const answers = await Promise.all(
      numbers.slice(0, count).map((n, i) => lookup(i % 2 ? replicaUrl : stack.url, n)),
    );
    return { answers, ms: Date.now() - started };
  };
  const warnings = (text: string) =>
    stack.logs().filter((line) => line.level === 40 && String(line.msg).includes(text)).length;
  const infos = (text: string) =>
    stack.logs().filter((line) => line.level === 30 && String(line.msg).includes(text)).length;
  const tokenCalls = () => stack.wechat.stats().calls["cgi-bin/stable_token"] ?? 0;

  beforeAll(async () => {
    port = await freePort();
    redisServer = await startRedisServer(port);
    stack = await startTestStack({
      orderCount: 40,
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, WECHAT_CALLS_PER_MINUTE: "100000" },
    });
    replica = await createOrdersServer({ ...stack.config, port: 0 }, { logger: stack.server.logger });
    replicaUrl = await replica.listen();
    numbers = stack.wechat.orders().map((o) => String(o.order_id));
  });
  afterAll(async () => {
    await replica?.close();
    await stack?.close();
    if (redisServer) await stopRedisServer(redisServer);
  });

  it("serves every WeChat request while Redis is killed and the token has expired, then shares again", async () => {
    const warm = await lookupsOnBoth(4);
    expect(warm.answers.every((a) => !a.errors)).toBe(true);
    expect(tokenCalls()).toBe(1); // one token for both, through Redis
    const probe = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 0 });
    expect(await probe.exists(`${keyPrefix}:token`)).toBe(1);
    probe.disconnect();

    await stopRedisServer(redisServer);
    stack.wechat.expireTokens();
    const down = await lookupsOnBoth(12);
    expect(down.answers.filter((a) => a.errors)).toEqual([]);
    // Today's failure hung for 32 s; falling back costs no wait at all (loose bound: a loaded machine).
    expect(down.ms).toBeLessThan(5_000);
    const again = await lookupsOnBoth(12);
    expect(again.answers.filter((a) => a.errors)).toEqual([]);
    // One warning per instance and per thing that falls back, not one per request.
    expect(warnings("WeChat access token store: Redis unavailable")).toBe(2);
    expect(warnings("MINI_STORE upstream call budget: Redis unavailable")).toBe(2);

    redisServer = await startRedisServer(port);
    // The budget touches Redis on every call: it is shared again as soon as the client reconnects.
    for (let i = 0; i < 100 && infos("MINI_STORE upstream call budget: Redis is back") < 2; i++) {
      await lookupsOnBoth(2);
      await sleep(100);
    }
    expect(infos("MINI_STORE upstream call budget: Redis is back")).toBe(2);

    // The token store too: after the next expiry both instances share one new token again.
    stack.wechat.expireTokens();
    const before = tokenCalls();
    const shared = await lookupsOnBoth(6);
    expect(shared.answers.filter((a) => a.errors)).toEqual([]);
    expect(tokenCalls() - before).toBe(1);
    expect(infos("WeChat access token store: Redis is back")).toBeGreaterThanOrEqual(1);
    const restarted = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 0 });
    expect(await restarted.exists(`${keyPrefix}:token`)).toBe(1);
    restarted.disconnect();
  });

  it("a hung Redis (stopped, connection open) costs a request at most a short command timeout", async () => {
    redisServer.kill("SIGSTOP");
    try {
      stack.wechat.expireTokens();
      const hung = await lookupsOnBoth(12);
      expect(hung.answers.filter((a) => a.errors)).toEqual([]);
      expect(hung.ms).toBeLessThan(5_000);
    } finally {
      redisServer.kill("SIGCONT");
    }
  });

  it("shuts down cleanly while Redis is down", async () => {
    await stopRedisServer(redisServer);
    await expect(replica.close()).resolves.toBeUndefined();
  });
});
