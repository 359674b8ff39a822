// Must show: the upstream cache never makes a request fail or hang because Redis is away. With
// nothing listening at REDIS_URL, and with a real redis-server killed in the middle of the test,
// requests succeed, the process's memory caches meanwhile (one warning), and once Redis is back
// (restarted on the same port) the cache is shared through it again. weixin12315 pages only: the
// WeChat token store's own Redis fallback is another item of the issue.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:net";

import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";
import { cachePrefix, upstreamCalls } from "./support.js";

const PAGE = `query ($filter: Weixin12315OrderFilter) {
  weixin12315Orders(filter: $filter, first: 10) { edges { node { orderId } } }
}`;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  const probe = new Redis(port, "127.0.0.1", {
    lazyConnect: true,
    retryStrategy: () => 50,
    maxRetriesPerRequest: null,
  });
  probe.on("error", () => undefined); // refused until the server listens
  await probe.connect().catch(() => undefined);
  await probe.ping();
  probe.disconnect();
  return child;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGKILL");
  await once(child, "exit");
}

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

const warnings = (stack: TestStack) =>
  stack.logs().filter((line) => String(line.msg).startsWith("upstream cache: Redis unreachable"));

describe("Redis down", () => {
  it("nothing listening at REDIS_URL: requests succeed and the process caches, with one warning", async () => {
    const stack = await stackAt(`redis://127.0.0.1:${await freePort()}`, cachePrefix());
    expect(await page(stack, 30)).toBe(1);
    expect(await page(stack, 30)).toBe(0);
    expect(await page(stack, 31)).toBe(1);
    // The warning comes with the first failed connection attempt, whenever that lands; only one.
    await expect.poll(() => warnings(stack).length, { timeout: 5_000 }).toBe(1);
    expect(await page(stack, 32)).toBe(1);
    expect(warnings(stack)).toHaveLength(1);
  });

  // Needs the redis-server binary, as every Redis test does (CI sets REDIS_URL).
  it.skipIf(!process.env.REDIS_URL)(
    "Redis killed mid-way: requests go on from memory; restarted, the cache is shared through it again",
    async () => {
      const port = await freePort();
      let redis = await startRedis(port);
      cleanups.push(() => stop(redis));
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
      const inRedis = await storedKeys();
      expect(inRedis).toBeGreaterThan(0);

      await stop(redis);
      expect(await page(stack, 31)).toBe(1);
      expect(await page(stack, 31)).toBe(0); // from this process's memory meanwhile
      await expect.poll(() => warnings(stack).length, { timeout: 5_000 }).toBe(1);

      redis = await startRedis(port);
      await expect
        .poll(
          () => stack.logs().some((line) => String(line.msg).startsWith("upstream cache: Redis is back")),
          {
            timeout: 15_000,
            interval: 100,
          },
        )
        .toBe(true);
      expect(await page(stack, 33)).toBe(1);
      expect(await storedKeys()).toBeGreaterThan(0); // a fresh redis-server: only what was stored since
      expect(warnings(stack)).toHaveLength(1);
    },
  );
});
