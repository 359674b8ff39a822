import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { MiniStoreClient, MiniStoreClientOptions } from "../../src/datasources/wechat/client.js";
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

describe("WeChat access token lifecycle (against the simulator)", () => {
  const { logger, lines } = memoryLogger();
  expectNoSecretsLoggedByEachTest(lines, [WECHAT.secret, "wrong-secret"]);
  let sim: WechatSimulator;
  const clients: MiniStoreClient[] = [];
  const client = (overrides?: Partial<MiniStoreClientOptions>) => {
    const created = miniStoreClient(sim, logger, overrides);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    sim = await startWechatSimulator({ ...WECHAT, seed: 7, orderCount: 400 });
  });
  beforeEach(() => sim.resetStats());
  afterEach(() => sim.setFaults({}));
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it("reuses one token across 100 concurrent calls (one stable_token request)", async () => {
    const mini = client();
    const pages = await Promise.all(
      Array.from({ length: 100 }, () => mini.listOrders(recentWindow(sim.now()))),
    );
    expect(pages.every((page) => page.totalNum === pages[0]!.totalNum)).toBe(true);
    expect(calls(sim)).toEqual({ "cgi-bin/stable_token": 1, "product/order/get_list": 100 });
  });

  it.each([40001, 40014, 42001])("on %i refreshes the token once and retries the call once", async (code) => {
    const mini = client();
    await mini.listOrders(recentWindow(sim.now()));
    sim.resetStats();
    sim.setFaults({ mode: "error", code, times: 1, endpoints: ["product/order/get_list"] });

    const page = await mini.listOrders(recentWindow(sim.now()));

    expect(page.orders.length).toBeGreaterThan(0);
    expect(calls(sim)).toEqual({ "cgi-bin/stable_token": 1, "product/order/get_list": 2 });
  });

  it("never loops: a token rejected again after the refresh fails as UPSTREAM_AUTH_FAILED", async () => {
    const mini = client();
    await mini.listOrders(recentWindow(sim.now()));
    sim.resetStats();
    sim.setFaults({ mode: "error", code: 40001, times: 10, endpoints: ["product/order/get_list"] });

    await expectUpstreamError(mini.listOrders(recentWindow(sim.now())), "UPSTREAM_AUTH_FAILED", "40001");
    expect(calls(sim)).toEqual({ "cgi-bin/stable_token": 1, "product/order/get_list": 2 });
  });

  it("survives expiry mid-run: the expired token is replaced once and the run continues", async () => {
    const mini = client();
    for (let i = 0; i < 5; i += 1) await mini.listOrders(recentWindow(sim.now(), { page: i + 1 }));
    sim.advanceClock(7_201); // every token issued so far is now past its 7200 s
    for (let i = 5; i < 10; i += 1) await mini.listOrders(recentWindow(sim.now(), { page: i + 1 }));

    // 10 pages + the one call answered 42001; the first token and its replacement.
    expect(calls(sim)).toEqual({ "cgi-bin/stable_token": 2, "product/order/get_list": 11 });
  });

  it("after all tokens expire, 20 concurrent calls cause one refresh between them", async () => {
    const mini = client();
    await mini.listOrders(recentWindow(sim.now()));
    sim.expireTokens();
    sim.resetStats();

    await Promise.all(Array.from({ length: 20 }, () => mini.listOrders(recentWindow(sim.now()))));

    const stats = calls(sim);
    expect(stats["cgi-bin/stable_token"]).toBe(1);
    // Each call fails at most once with the expired token and is retried once.
    expect(stats["product/order/get_list"]).toBeGreaterThanOrEqual(21);
    expect(stats["product/order/get_list"]).toBeLessThanOrEqual(40);
  });

  it("classic mode fetches from /cgi-bin/token and shares it the same way", async () => {
    const mini = client({ credentials: { mode: "classic", ...WECHAT } });
    await Promise.all(Array.from({ length: 10 }, () => mini.listOrders(recentWindow(sim.now()))));
    expect(calls(sim)).toEqual({ "cgi-bin/token": 1, "product/order/get_list": 10 });
  });

  it("static mode uses the given token and does not try to refresh a rejected one", async () => {
    const mini = client({
      credentials: { mode: "static", accessToken: "86_not-a-token-the-simulator-issued" },
    });
    await expectUpstreamError(mini.listOrders(recentWindow(sim.now())), "UPSTREAM_AUTH_FAILED", "40001");
    expect(calls(sim)).toEqual({ "product/order/get_list": 1 });
  });

  it("wrong credentials fail as UPSTREAM_AUTH_FAILED without retries", async () => {
    const mini = client({ credentials: { mode: "stable", appid: WECHAT.appid, secret: "wrong-secret" } });
    const error = await expectUpstreamError(
      mini.listOrders(recentWindow(sim.now())),
      "UPSTREAM_AUTH_FAILED",
      "40125",
    );
    expect(error.message).not.toContain("wrong-secret");
    expect(calls(sim)).toEqual({ "cgi-bin/stable_token": 1 });
  });

  it("logs a cold start (token request, then the call) without the secret or the token", async () => {
    await client().listOrders(recentWindow(sim.now()));
    expectNoSecretsLogged(lines, [WECHAT.secret]);
  });
});

describe("early refresh", () => {
  // The token's lifetime runs on two clocks: WeChat's (the simulator clock) and the client's refresh
  // deadline (Date.now, faked here: Date only, so sockets and timers stay real). Both are moved; nothing sleeps.
  const T0 = new Date("2024-06-01T04:00:00Z");
  const { logger } = memoryLogger();
  let sim: WechatSimulator;
  let mini: MiniStoreClient;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    sim = await startWechatSimulator({ ...WECHAT, seed: 8, orderCount: 50, now: () => T0 });
    mini = miniStoreClient(sim, logger, {
      credentials: { mode: "classic", ...WECHAT },
      token: { refreshMarginMs: 300_000 },
    });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await mini.close();
    await sim.close();
  });

  it("fetches a new token once the margin before expiry is reached, before WeChat rejects the old one", async () => {
    await mini.listOrders(recentWindow(sim.now()));
    // 7000 s on: past the refresh point (lifetime 7200 s − margin 300 s), before the token expires.
    sim.advanceClock(7_000);
    vi.setSystemTime(T0.getTime() + 7_000_000);
    await mini.listOrders(recentWindow(sim.now()));
    // No rejected call: the second call already used the new token.
    expect(calls(sim)).toEqual({ "cgi-bin/token": 2, "product/order/get_list": 2 });
  });
});
