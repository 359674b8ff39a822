import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { UpstreamAuthFailedError } from "../../src/datasources/errors.js";
import { weixin12315OrderOfRow } from "../../src/orders/mapping/weixin12315-order.js";
import { signWeixin12315Request } from "../../src/datasources/weixin12315/sign.js";
import {
  Weixin12315Client,
  type Weixin12315ClientOptions,
  type Weixin12315ListParams,
} from "../../src/datasources/weixin12315/client.js";
import {
  startWeixin12315Simulator,
  type Weixin12315Simulator,
} from "../../src/simulators/weixin12315/index.js";
import {
  FAST_HTTP,
  WX12315,
  calls,
  expectNoSecretsLogged,
  expectNoSecretsLoggedByEachTest,
  expectUpstreamError,
  memoryLogger,
} from "./support.js";

const LIST = "md.shop.order.list";
const ALL: Weixin12315ListParams = { orderScope: 0, packageStatus: -1, pageIndex: 1, pageSize: 20 };

describe("signWeixin12315Request", () => {
  it("matches a signature computed independently of this code", () => {
    // Expected value computed in a shell, outside the code under test:
    //   printf '%s' '201707291339345f2b1c9edemo-app-secretkeywordfw2017072913396286orderscope0orderstatus1packagestatus-1pageindex1pagesize10startordertime2017-06-19 18:30:30' | md5sum | tr a-f A-F
    //   → 659A072DA0105D8D7AFEAE06F84BADB3
    // i.e. timestamp 20170729133934 (China time) + nonce 5f2b1c9e + secret demo-app-secret + the parameters
    // sorted by name, each as name+value; `endordertime` is undefined, so neither sent nor signed.
    const headers = signWeixin12315Request(
      {
        pagesize: 10,
        orderscope: 0,
        startordertime: "2017-06-19 18:30:30",
        endordertime: undefined,
        keyword: "fw2017072913396286",
        packagestatus: -1,
        pageindex: 1,
        orderstatus: 1,
      },
      {
        appId: "demo-app",
        appSecret: "demo-app-secret",
        now: () => new Date("2017-07-29T05:39:34Z"),
        nonce: () => "5f2b1c9e",
      },
    );
    expect(headers).toEqual({
      appid: "demo-app",
      timestamp: "20170729133934",
      nonce: "5f2b1c9e",
      sign: "659A072DA0105D8D7AFEAE06F84BADB3",
    });
  });
});

describe("Weixin12315Client (against the simulator)", () => {
  const { logger, lines } = memoryLogger();
  expectNoSecretsLoggedByEachTest(lines, [WX12315.appSecret, "not-the-secret"]);
  let sim: Weixin12315Simulator;
  let client: Weixin12315Client;
  const extra: Weixin12315Client[] = [];
  const clientWith = (overrides: Partial<Weixin12315ClientOptions>) => {
    const created = new Weixin12315Client({
      baseUrl: sim.url,
      ...WX12315,
      logger,
      http: FAST_HTTP,
      ...overrides,
    });
    extra.push(created);
    return created;
  };

  beforeAll(async () => {
    sim = await startWeixin12315Simulator({ ...WX12315, seed: 5, orderCount: 300 });
    client = clientWith({});
  });
  beforeEach(() => sim.resetStats());
  afterEach(() => sim.setFaults({}));
  afterAll(async () => {
    await Promise.all(extra.map((c) => c.close()));
    await sim.close();
  });

  it("signs requests the simulator accepts and reads orders with exact decimals", async () => {
    const page = await client.listOrders(ALL);
    const expected = sim.orders().slice(0, 20);
    expect(page.count).toBe(sim.orders().length);
    expect(page.orders.map((row) => row.orderId)).toEqual(expected.map((o) => o.orderid));
    // Rows are validated in full and mapped when returned: exact decimals survive.
    const first = weixin12315OrderOfRow(page.orders[0]!);
    const wire = expected[0]!;
    expect(first.orderNumber).toBe(wire.ordernumber);
    expect(first.totalAmount?.amount).toBe(wire.payprice);
    expect(first.products.map((i) => i.unitPrice?.amount)).toEqual(
      wire.items.map((i) => String(i.originalPrice)),
    );
  });

  it("finds an order by its number, and answers null for an unknown one", async () => {
    const target = sim.orders()[42]!;
    const found = await client.findOrderByNumber(target.ordernumber);
    expect(found?.orderid).toBe(target.orderid);
    expect(await client.findOrderByNumber("fw0000000000000000")).toBeNull();
    expect(await client.findOrderByNumber("")).toBeNull();
    expect(calls(sim)).toEqual({ [LIST]: 2 });
  });

  const now = () => sim.now();
  it.each<[string, string, () => Partial<Weixin12315ClientOptions>]>([
    ["missing auth header", "40001", () => ({ nonce: () => "" })],
    ["unknown appid", "40002", () => ({ appId: "someone-else" })],
    ["malformed timestamp", "40003", () => ({ now: () => new Date(Number.NaN) })],
    ["stale timestamp", "40004", () => ({ now: () => new Date(now().getTime() - 10 * 60_000) })],
    ["bad sign", "40005", () => ({ appSecret: "not-the-secret" })],
  ])(
    "maps the rejection for a %s (%s) to UPSTREAM_AUTH_FAILED, without retrying",
    async (_label, code, options) => {
      const rejected = clientWith(options());
      const error = await expectUpstreamError(rejected.listOrders(ALL), "UPSTREAM_AUTH_FAILED", code);
      expect(error).toBeInstanceOf(UpstreamAuthFailedError);
      expect(error.source).toBe("WEIXIN12315");
      expect(calls(sim)).toEqual({ [LIST]: 1 });
    },
  );

  it("maps a replayed nonce (40006) to UPSTREAM_AUTH_FAILED", async () => {
    const replaying = clientWith({ nonce: () => "same-nonce-every-time" });
    await replaying.listOrders(ALL);
    await expectUpstreamError(replaying.listOrders(ALL), "UPSTREAM_AUTH_FAILED", "40006");
  });

  it("signs each attempt afresh, so a retried call is not refused as a replay", async () => {
    const nonces: string[] = [];
    const recording = clientWith({ nonce: () => nonces[nonces.push(`nonce-${nonces.length}`) - 1]! });
    sim.setFaults({ mode: "http502", times: 1, endpoints: [LIST] });
    const page = await recording.listOrders(ALL);
    expect(page.orders.length).toBe(20);
    expect(calls(sim)).toEqual({ [LIST]: 2 });
    expect(nonces).toEqual(["nonce-0", "nonce-1"]);
  });

  it("maps an invalid parameter (40010) to UPSTREAM_ERROR with the upstream message", async () => {
    const error = await expectUpstreamError(
      client.listOrders({ ...ALL, pageSize: 5_000 }),
      "UPSTREAM_ERROR",
      "40010",
    );
    expect(error.message).toContain("pagesize");
  });

  it("malformed JSON → UPSTREAM_BAD_RESPONSE", async () => {
    sim.setFaults({ mode: "malformedJson", endpoints: [LIST] });
    await expectUpstreamError(client.listOrders(ALL), "UPSTREAM_BAD_RESPONSE");
  });

  it("checkReady passes with good credentials and fails with bad ones", async () => {
    await expect(client.checkReady()).resolves.toBeUndefined();
    await expect(clientWith({ appSecret: "nope" }).checkReady()).rejects.toBeInstanceOf(
      UpstreamAuthFailedError,
    );
  });

  it("logs its signed calls without the secret or a signature", async () => {
    await client.listOrders(ALL);
    expectNoSecretsLogged(lines, [WX12315.appSecret]);
  });
});
