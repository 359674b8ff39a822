import { setTimeout as sleep } from "node:timers/promises";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { CircuitOpenError, UpstreamBadResponseError } from "../../src/datasources/errors.js";
import { upstreamCallObserver, type UpstreamCallEvent } from "../../src/datasources/http/call-observer.js";
import type { MiniStoreClient, MiniStoreClientOptions } from "../../src/datasources/wechat/client.js";
import { startWechatSimulator, type WechatSimulator } from "../../src/simulators/wechat/index.js";
import {
  FAST_HTTP,
  WECHAT,
  calls,
  expectNoSecretsLogged,
  expectNoSecretsLoggedByEachTest,
  expectUpstreamError,
  memoryLogger,
  miniStoreClient,
  recentWindow,
} from "./support.js";

const LIST = "product/order/get_list";

describe("HTTP resilience (against the WeChat simulator)", () => {
  const { logger, lines } = memoryLogger();
  expectNoSecretsLoggedByEachTest(lines, [WECHAT.secret]);
  let sim: WechatSimulator;
  let mini: MiniStoreClient;
  const extra: MiniStoreClient[] = [];
  const client = (overrides: Partial<MiniStoreClientOptions>) => {
    const created = miniStoreClient(sim, logger, overrides);
    extra.push(created);
    return created;
  };
  /** Runs `fn` and returns the call events it reported. */
  const observed = async (fn: () => Promise<unknown>) => {
    const events: UpstreamCallEvent[] = [];
    await upstreamCallObserver.run((event) => events.push(event), fn).catch(() => undefined);
    return events;
  };

  beforeAll(async () => {
    sim = await startWechatSimulator({ ...WECHAT, seed: 11, orderCount: 300 });
    mini = miniStoreClient(sim, logger);
    await mini.listOrders(recentWindow(sim.now())); // token cached: the tests count business calls only
  });
  beforeEach(() => sim.resetStats());
  afterEach(() => sim.setFaults({}));
  afterAll(async () => {
    await Promise.all([mini, ...extra].map((c) => c.close()));
    await sim.close();
  });

  it.each([
    ["HTTP 502", { mode: "http502" as const }],
    ["errcode -1 (system busy)", { mode: "error" as const, code: -1 }],
    ["a connection reset", { mode: "connectionReset" as const }],
    ["errcode 45011 (minute quota)", { mode: "error" as const, code: 45011 }],
  ])("retries after %s and then succeeds", async (_label, fault) => {
    sim.setFaults({ ...fault, times: 2, endpoints: [LIST] });
    const events = await observed(() => mini.listOrders(recentWindow(sim.now())));
    expect(events).toEqual([
      expect.objectContaining({ source: "MINI_STORE", endpoint: LIST, ok: true, attempts: 3 }),
    ]);
    expect(calls(sim)).toEqual({ [LIST]: 3 });
  });

  it("gives up after maxAttempts with UPSTREAM_UNAVAILABLE", async () => {
    sim.setFaults({ mode: "http502", endpoints: [LIST] });
    const error = await expectUpstreamError(mini.listOrders(recentWindow(sim.now())), "UPSTREAM_UNAVAILABLE");
    expect(error.message).toContain("HTTP 502");
    expect(calls(sim)).toEqual({ [LIST]: 3 });
  });

  it("a persistent minute quota (45011) ends as UPSTREAM_RATE_LIMITED after the bounded retries", async () => {
    sim.setFaults({ mode: "error", code: 45011, endpoints: [LIST] });
    await expectUpstreamError(mini.listOrders(recentWindow(sim.now())), "UPSTREAM_RATE_LIMITED", "45011");
    expect(calls(sim)).toEqual({ [LIST]: 3 });
  });

  it("the daily quota (45009) fails fast as UPSTREAM_RATE_LIMITED: one call, no retry", async () => {
    sim.configure({ quotas: { perDay: 0 } });
    try {
      const events = await observed(() =>
        expectUpstreamError(mini.listOrders(recentWindow(sim.now())), "UPSTREAM_RATE_LIMITED", "45009"),
      );
      expect(events).toEqual([
        expect.objectContaining({
          ok: false,
          code: "UPSTREAM_RATE_LIMITED",
          upstreamCode: "45009",
          attempts: 1,
        }),
      ]);
      expect(calls(sim)).toEqual({ [LIST]: 1 });
    } finally {
      sim.configure({ quotas: {} });
    }
  });

  it("client errors are not retried (9401020 → UPSTREAM_ERROR)", async () => {
    await expectUpstreamError(
      mini.listOrders({ ...recentWindow(sim.now()), status: 11 }),
      "UPSTREAM_ERROR",
      "9401020",
    );
    expect(calls(sim)).toEqual({ [LIST]: 1 });
  });

  it("malformed JSON is retried like any transient failure, then UPSTREAM_BAD_RESPONSE", async () => {
    sim.setFaults({ mode: "malformedJson", endpoints: [LIST] });
    const error = await expectUpstreamError(
      mini.listOrders(recentWindow(sim.now())),
      "UPSTREAM_BAD_RESPONSE",
    );
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error.message).toContain("not JSON");
    expect(calls(sim)).toEqual({ [LIST]: 3 }); // FAST_HTTP's 3 attempts

    sim.resetStats();
    sim.setFaults({ mode: "malformedJson", times: 1, endpoints: [LIST] });
    const page = await mini.listOrders(recentWindow(sim.now()));
    expect(page.totalNum).toBeGreaterThan(0);
    expect(calls(sim)).toEqual({ [LIST]: 2 });
  });

  it("a body that breaks the wire schema → UPSTREAM_BAD_RESPONSE naming the field path", async () => {
    const response = await fetch(`${sim.url}/__sim/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orders: [{ create_time: "yesterday" }] }),
    });
    const text = await response.text();
    const orderId = /"order_id":(\d+)/.exec(text)?.[1];
    expect(orderId).toBeDefined();
    const error = await expectUpstreamError(mini.getOrder(orderId!), "UPSTREAM_BAD_RESPONSE");
    expect(error.message).toContain("order.create_time");
  });

  it("a slow upstream times out as UPSTREAM_UNAVAILABLE", async () => {
    // undici checks headers/body timeouts on a coarse (~0.5–1 s) tick, hence the wide gap.
    const impatient = client({
      http: { ...FAST_HTTP, headersTimeoutMs: 100, retry: { ...FAST_HTTP.retry, maxAttempts: 1 } },
    });
    await impatient.listOrders(recentWindow(sim.now()));
    sim.setFaults({ latencyMs: 3_000 });
    const error = await expectUpstreamError(
      impatient.listOrders(recentWindow(sim.now())),
      "UPSTREAM_UNAVAILABLE",
    );
    expect(error.message).toContain("timed out");
  });

  it("the breaker opens on the failure rate once the window holds enough calls, fails fast, and recovers through a half-open probe", async () => {
    const guarded = client({
      http: {
        ...FAST_HTTP,
        retry: { ...FAST_HTTP.retry, maxAttempts: 1 },
        // The token call and one list call succeed first: 2 failures of 4 attempts exceed 40%, 1 of 3 does not.
        breaker: { failureRate: 0.4, samplingWindowMs: 5_000, minimumCalls: 2, halfOpenAfterMs: 100 },
      },
    });
    await guarded.listOrders(recentWindow(sim.now()));
    sim.resetStats();
    sim.setFaults({ mode: "http502", endpoints: [LIST] });

    await expectUpstreamError(guarded.listOrders(recentWindow(sim.now())), "UPSTREAM_UNAVAILABLE");
    await expectUpstreamError(guarded.listOrders(recentWindow(sim.now())), "UPSTREAM_UNAVAILABLE");
    expect(guarded.breakerState()).toBe("open");

    const fastFail = await expectUpstreamError(
      guarded.listOrders(recentWindow(sim.now())),
      "UPSTREAM_UNAVAILABLE",
    );
    expect(fastFail).toBeInstanceOf(CircuitOpenError);
    expect(calls(sim)).toEqual({ [LIST]: 2 }); // the open breaker did not call upstream
    await expect(guarded.checkReady()).rejects.toBeInstanceOf(CircuitOpenError);

    sim.setFaults({});
    await sleep(150); // past halfOpenAfterMs: the next call is the probe
    const page = await guarded.listOrders(recentWindow(sim.now()));
    expect(page.totalNum).toBeGreaterThan(0);
    expect(guarded.breakerState()).toBe("closed");
    expect(calls(sim)).toEqual({ [LIST]: 3 });
  });

  it("a readiness check is the half-open probe, so an idle replica's open breaker can close again", async () => {
    const guarded = client({
      http: {
        ...FAST_HTTP,
        retry: { ...FAST_HTTP.retry, maxAttempts: 1 },
        breaker: { failureRate: 0.2, samplingWindowMs: 5_000, minimumCalls: 1, halfOpenAfterMs: 100 },
      },
    });
    await guarded.checkReady(); // token cached
    sim.setFaults({ mode: "http502", endpoints: [LIST] });
    await expectUpstreamError(guarded.listOrders(recentWindow(sim.now())), "UPSTREAM_UNAVAILABLE");
    expect(guarded.breakerState()).toBe("open");
    await expect(guarded.checkReady()).rejects.toBeInstanceOf(CircuitOpenError);

    sim.setFaults({});
    sim.resetStats();
    await sleep(150); // past halfOpenAfterMs, with no business traffic at all
    await guarded.checkReady();
    expect(guarded.breakerState()).toBe("closed");
    expect(calls(sim)).toEqual({ [LIST]: 1 }); // exactly one probe
  });

  it("network failures count too, and a failed half-open probe opens the breaker again", async () => {
    const guarded = client({
      http: {
        ...FAST_HTTP,
        retry: { ...FAST_HTTP.retry, maxAttempts: 1 },
        breaker: { failureRate: 0.2, samplingWindowMs: 5_000, minimumCalls: 1, halfOpenAfterMs: 100 },
      },
    });
    await guarded.listOrders(recentWindow(sim.now()));
    sim.setFaults({ mode: "connectionReset", endpoints: [LIST] });
    await expectUpstreamError(guarded.listOrders(recentWindow(sim.now())), "UPSTREAM_UNAVAILABLE");
    expect(guarded.breakerState()).toBe("open");
    await sleep(150);
    await expectUpstreamError(guarded.listOrders(recentWindow(sim.now())), "UPSTREAM_UNAVAILABLE");
    expect(guarded.breakerState()).toBe("open");
  });

  it("reports token calls to the observer too", async () => {
    const cold = client({});
    const events = await observed(() => cold.listOrders(recentWindow(sim.now())));
    expect(events.map((e) => [e.endpoint, e.ok, e.attempts])).toEqual([
      ["cgi-bin/stable_token", true, 1],
      [LIST, true, 1],
    ]);
  });

  it("logs a retried call with the token redacted and no secret", async () => {
    sim.setFaults({ mode: "http502", times: 1, endpoints: [LIST] });
    await mini.listOrders(recentWindow(sim.now()));
    expect(lines.some((line) => line.includes("access_token=%5BREDACTED%5D"))).toBe(true);
    expectNoSecretsLogged(lines, [WECHAT.secret]);
  });
});
