import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { UpstreamUnavailableError } from "../../src/datasources/errors.js";
import type { MiniStoreClient } from "../../src/datasources/wechat/client.js";
import { RedisTokenStore } from "../../src/datasources/wechat/token-store.js";
import { startWechatSimulator, type WechatSimulator } from "../../src/simulators/wechat/index.js";
import {
  WECHAT,
  calls,
  expectNoSecretsLogged,
  expectNoSecretsLoggedByEachTest,
  expectUpstreamError,
  memoryLogger,
  miniStoreClient,
  recentWindow,
} from "./support.js";

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) {
  console.warn(
    "SKIPPED: the RedisTokenStore suite needs a real Redis; set REDIS_URL (CI sets redis://127.0.0.1:6379).",
  );
}

describe.skipIf(!REDIS_URL)("RedisTokenStore: one WeChat token shared by replicas (real Redis)", () => {
  const { logger, lines } = memoryLogger();
  expectNoSecretsLoggedByEachTest(lines, [WECHAT.secret]);
  const connections: Redis[] = [];
  const clients: MiniStoreClient[] = [];
  const prefixes: string[] = [];
  let sim: WechatSimulator;

  /** A replica: its own Redis connection, store and client, on a shared key prefix. */
  const replica = (keyPrefix: string, mode: "stable" | "classic") => {
    const redis = new Redis(REDIS_URL!, { lazyConnect: false, maxRetriesPerRequest: 1 });
    connections.push(redis);
    const client = miniStoreClient(sim, logger, {
      credentials: { mode, ...WECHAT },
      tokenStore: new RedisTokenStore({ redis, keyPrefix }),
      token: { lockPollMs: 10 },
    });
    clients.push(client);
    return client;
  };
  const freshPrefix = () => {
    const prefix = `test:weixin-orders:wechat-token:${randomUUID()}`;
    prefixes.push(prefix);
    return prefix;
  };

  beforeAll(async () => {
    sim = await startWechatSimulator({ ...WECHAT, seed: 21, orderCount: 200 });
  });
  beforeEach(() => sim.resetStats());
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    const cleanup = connections[0];
    if (cleanup && prefixes.length > 0)
      await cleanup.del(...prefixes.flatMap((p) => [`${p}:token`, `${p}:lock`]));
    await Promise.all(connections.map((c) => c.quit()));
    await sim.close();
  });

  it.each(["classic", "stable"] as const)(
    "two %s-mode replicas cold-starting together make exactly one token request",
    async (mode) => {
      const prefix = freshPrefix();
      const [a, b] = [replica(prefix, mode), replica(prefix, mode)];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).listOrders(recentWindow(sim.now()))),
      );
      const endpoint = mode === "classic" ? "cgi-bin/token" : "cgi-bin/stable_token";
      expect(calls(sim)).toEqual({ [endpoint]: 1, "product/order/get_list": 20 });
      expect(await a.tokens.getToken()).toBe(await b.tokens.getToken());
    },
  );

  it("a replica whose token was rejected refreshes once; the other picks up the shared replacement", async () => {
    const prefix = freshPrefix();
    const [a, b] = [replica(prefix, "classic"), replica(prefix, "classic")];
    await Promise.all([a.listOrders(recentWindow(sim.now())), b.listOrders(recentWindow(sim.now()))]);
    sim.expireTokens();
    sim.resetStats();

    await a.listOrders(recentWindow(sim.now())); // 42001 → invalidate → new shared token → retry
    await b.listOrders(recentWindow(sim.now())); // 42001 → the shared token is already new: no fetch

    expect(calls(sim)).toEqual({ "cgi-bin/token": 1, "product/order/get_list": 4 });
  });

  it("logs a shared token's use without the secret or the token", async () => {
    const [a, b] = [replica(freshPrefix(), "classic"), replica(freshPrefix(), "stable")];
    await Promise.all([a.listOrders(recentWindow(sim.now())), b.listOrders(recentWindow(sim.now()))]);
    expectNoSecretsLogged(lines, [WECHAT.secret]);
  });

  describe("store primitives", () => {
    let redis: Redis;
    let store: RedisTokenStore;
    let other: RedisTokenStore;
    beforeAll(() => {
      redis = new Redis(REDIS_URL!);
      connections.push(redis);
    });
    beforeEach(() => {
      const keyPrefix = freshPrefix();
      store = new RedisTokenStore({ redis, keyPrefix });
      other = new RedisTokenStore({ redis, keyPrefix });
    });

    it("invalidates a token only while it is still the stored one", async () => {
      const token = { accessToken: "tok-A", expiresAt: Date.now() + 60_000, refreshAt: Date.now() + 30_000 };
      await store.set(token);
      await other.invalidate("tok-old");
      expect(await store.get()).toEqual(token);
      await other.invalidate("tok-A");
      expect(await store.get()).toBeNull();
    });

    it("the lock has one holder, and only its owner can release it", async () => {
      const first = await store.tryLock(50);
      expect(first).not.toBeNull();
      expect(await other.tryLock(10_000)).toBeNull();
      await sleep(80); // first's lock expired
      const second = await other.tryLock(10_000);
      expect(second).not.toBeNull();
      await first!.release(); // a stale owner must not free the new holder's lock
      expect(await store.tryLock(10_000)).toBeNull();
      await second!.release();
      expect(await store.tryLock(10_000)).not.toBeNull();
    });
  });
});

describe("an unreachable token store", () => {
  it("makes the source UPSTREAM_UNAVAILABLE (not a raw Redis error), before any token request", async () => {
    const { logger } = memoryLogger();
    const sim = await startWechatSimulator({ ...WECHAT, seed: 22, orderCount: 20 });
    // Nothing listens on port 1; no offline queue and no reconnects, so commands fail at once.
    const redis = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const client = miniStoreClient(sim, logger, {
      tokenStore: new RedisTokenStore({ redis, keyPrefix: "unused" }),
    });
    try {
      const error = await expectUpstreamError(
        client.listOrders(recentWindow(sim.now())),
        "UPSTREAM_UNAVAILABLE",
      );
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.endpoint).toBe("token-store");
      expect(calls(sim)).toEqual({});
    } finally {
      redis.disconnect();
      await client.close();
      await sim.close();
    }
  });
});
