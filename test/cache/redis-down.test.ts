// Must show: the upstream cache never makes a request fail because Redis is away. With nothing
// listening at REDIS_URL, and with a real redis-server killed in the middle of the test, requests
// succeed, the process's memory caches meanwhile (one warning per outage), and once Redis is back
// (restarted on the same port) the cache is shared through it again (one line). weixin12315 pages
// only: the WeChat token store's own Redis fallback is test/server/redis-down.test.ts.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";

import { freePort, hasRedisServer, startRedisServer, stopRedisServer } from "../support/redis-server.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import { cachePrefix, upstreamCalls } from "./support.js";

const PAGE = `query ($filter: Weixin12315OrderFilter) {
  weixin12315Orders(filter: $filter, first: 10) { edges { node { orderId } } }
}`;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function stackAt(redisUrl: string, prefix: string): Promise<TestStack> {
  const stack = await startTestStack({
    orderCount: 300,
    seed: 8,
    env: { UPSTREAM_CACHE_TTL_SECONDS: "60", REDIS_URL: redisUrl, UPSTREAM_CACHE_KEY_PREFIX: prefix },
    // Its own appid: the WeChat token store shares the Redis by appid.
    wechat: { appid: `wx${randomBytes(8).toString("hex")}` },
  });
  cleanups.push(() => stack.close());
  return stack;
}

/** A page of a window `days` long; each distinct `days` is a distinct upstream read. */
const windowEnds = new WeakMap<TestStack, number>();

async function page(stack: TestStack, days: number) {
  // One end for every page of a stack, so the same `days` is the same upstream read.
  if (!windowEnds.has(stack))
    windowEnds.set(stack, Math.floor(stack.weixin12315.now().getTime() / 1000) - 60);
  const hi = windowEnds.get(stack)!;
  const iso = (s: number) => new Date(s * 1000).toISOString();
  const filter = { orderedAfter: iso(hi - days * 86_400), orderedBefore: iso(hi) };
  const calls = await upstreamCalls(stack, async () => {
    const response = await stack.graphql<{ weixin12315Orders: { edges: unknown[] } }>(PAGE, { filter });
    expect(response.errors).toBeUndefined();
    expect(response.data!.weixin12315Orders.edges).toHaveLength(10);
  });
  return calls.weixin12315;
}

/** Log lines of `level` (pino's 40 warn, 30 info) from the upstream cache that start with `text`. */
const cacheLines = (stack: TestStack, level: number, text: string) =>
  stack
    .logs()
    .filter((line) => line.level === level && String(line.msg).startsWith(`upstream cache: ${text}`));
const warnings = (stack: TestStack) => cacheLines(stack, 40, "Redis unavailable");
const recoveries = (stack: TestStack) => cacheLines(stack, 30, "Redis is back");

describe("Redis down", () => {
  it("nothing listening at REDIS_URL: requests succeed and the process caches, with one warning", async () => {
    const stack = await stackAt(`redis://127.0.0.1:${await freePort()}`, cachePrefix());
    expect(await page(stack, 30)).toBe(1);
    expect(await page(stack, 30)).toBe(0);
    expect(await page(stack, 31)).toBe(1);
    expect(await page(stack, 32)).toBe(1);
    expect(warnings(stack)).toHaveLength(1);
    expect(recoveries(stack)).toHaveLength(0);
  });

  it.skipIf(!hasRedisServer)(
    "Redis killed mid-way: requests go on from memory; restarted, the cache is shared through it again",
    async () => {
      const port = await freePort();
      let redis = await startRedisServer(port);
      cleanups.push(() => stopRedisServer(redis));
      const prefix = cachePrefix();
      const stack = await stackAt(`redis://127.0.0.1:${port}`, prefix);
      const inspector = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
      inspector.on("error", () => undefined);
      const storedKeys = async () => {
        await inspector.connect();
        const keys = await inspector.keys(`${prefix}*`);
        inspector.disconnect();
        return keys.length;
      };

      expect(await page(stack, 30)).toBe(1);
      expect(await storedKeys()).toBeGreaterThan(0);
      expect(warnings(stack)).toHaveLength(0);

      await stopRedisServer(redis);
      expect(await page(stack, 31)).toBe(1);
      expect(await page(stack, 31)).toBe(0); // from this process's memory meanwhile
      expect(await page(stack, 32)).toBe(1);
      expect(await page(stack, 32)).toBe(0);
      expect(warnings(stack)).toHaveLength(1);
      expect(recoveries(stack)).toHaveLength(0);

      redis = await startRedisServer(port);
      // Redis is known to be back when a command succeeds: keep reading until one has.
      for (let days = 40; days < 200 && recoveries(stack).length === 0; days++) {
        await page(stack, days);
        await sleep(100);
      }
      expect(recoveries(stack)).toHaveLength(1);
      expect(await storedKeys()).toBeGreaterThan(0); // a fresh redis-server: only what was stored since
      expect(await page(stack, 33)).toBe(1);
      expect(await page(stack, 33)).toBe(0); // through Redis again
      expect(warnings(stack)).toHaveLength(1);
      expect(recoveries(stack)).toHaveLength(1);
    },
  );
});
