// Which failures are the upstream's: only known transport failures become UPSTREAM_UNAVAILABLE and
// are retried. A bug on our side propagates as itself (an internal error), once, logged with its
// stack; a full upstream queue fails fast instead of being retried.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { UpstreamError, UpstreamQueueFullError } from "../../src/datasources/errors.js";
import { upstreamCallObserver, type UpstreamCallEvent } from "../../src/datasources/http/call-observer.js";
import {
  Weixin12315Client,
  type Weixin12315ClientOptions,
  type Weixin12315ListParams,
} from "../../src/datasources/weixin12315/client.js";
import {
  startWeixin12315Simulator,
  type Weixin12315Simulator,
} from "../../src/simulators/weixin12315/index.js";
import { FAST_HTTP, WX12315, calls, memoryLogger } from "./support.js";

const FIRST_ROW: Weixin12315ListParams = { orderScope: 0, packageStatus: -1, pageIndex: 1, pageSize: 1 };

describe("upstream failures vs. our own", () => {
  let sim: Weixin12315Simulator;
  const clients: Weixin12315Client[] = [];
  const clientWith = (overrides: Partial<Weixin12315ClientOptions>, logger = memoryLogger().logger) => {
    const client = new Weixin12315Client({
      baseUrl: sim.url,
      ...WX12315,
      logger,
      http: FAST_HTTP,
      ...overrides,
    });
    clients.push(client);
    return client;
  };
  /** The settled outcome of `fn` and the call events it reported. */
  const observed = async (fn: () => Promise<unknown>) => {
    const events: UpstreamCallEvent[] = [];
    const outcome = await upstreamCallObserver.run(
      (event) => events.push(event),
      () =>
        fn().then(
          () => ({ ok: true as const }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
    );
    return { outcome, events };
  };

  beforeAll(async () => {
    sim = await startWeixin12315Simulator({ ...WX12315, seed: 3, orderCount: 20 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it("a TypeError in the request signer propagates as itself: no upstream call, no retry, logged with its stack", async () => {
    const { logger, lines } = memoryLogger();
    const bug = new TypeError("nonce generator broke");
    const client = clientWith(
      {
        nonce: () => {
          throw bug;
        },
      },
      logger,
    );
    sim.resetStats();
    const { outcome, events } = await observed(() => client.listOrders(FIRST_ROW));

    expect(outcome).toEqual({ ok: false, error: bug });
    expect(bug).not.toBeInstanceOf(UpstreamError);
    expect(calls(sim)).toEqual({});
    expect(events).toEqual([expect.objectContaining({ ok: false, attempts: 1 })]);
    expect(events[0]!.code).toBeUndefined();
    const logged = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((l) => l.level === 50);
    expect(logged?.msg).toMatch(/internal error/);
    expect(JSON.stringify(logged?.err)).toContain("nonce generator broke");
    expect((logged?.err as { stack?: string } | undefined)?.stack).toMatch(
      /TypeError: nonce generator broke\n\s+at /,
    );
  });

  it("a full upstream queue fails fast with UPSTREAM_UNAVAILABLE, not retried", async () => {
    // One call at a time and no waiting room: while the first call holds the slot, a second is refused.
    const client = clientWith({ http: { ...FAST_HTTP, concurrency: 1, queueLimit: 0 } });
    sim.setFaults({ latencyMs: 300 });
    sim.resetStats();
    try {
      const [first, second] = await Promise.all([
        observed(() => client.listOrders(FIRST_ROW)),
        observed(() => client.listOrders(FIRST_ROW)),
      ]);
      expect(first.outcome.ok).toBe(true);
      expect(second.outcome.ok).toBe(false);
      const error = (second.outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(UpstreamQueueFullError);
      expect((error as UpstreamError).code).toBe("UPSTREAM_UNAVAILABLE");
      expect(second.events).toEqual([
        expect.objectContaining({ ok: false, code: "UPSTREAM_UNAVAILABLE", attempts: 1 }),
      ]);
      expect(Object.values(calls(sim)).reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      sim.setFaults({});
    }
  });

  it("a refused connection is a transport failure: UPSTREAM_UNAVAILABLE, retried", async () => {
    const client = clientWith({ baseUrl: "http://127.0.0.1:9" });
    const { outcome, events } = await observed(() => client.listOrders(FIRST_ROW));
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).code).toBe("UPSTREAM_UNAVAILABLE");
    expect((error as UpstreamError).message).toContain("ECONNREFUSED");
    expect(events).toEqual([expect.objectContaining({ attempts: FAST_HTTP.retry!.maxAttempts })]);
  });
});
