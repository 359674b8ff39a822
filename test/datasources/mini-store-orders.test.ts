import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MiniStoreClient } from "../../src/datasources/wechat/client.js";
import { miniStoreOrderOfRow } from "../../src/orders/mapping/mini-store-order.js";
import { startWechatSimulator, type WechatSimulator } from "../../src/simulators/wechat/index.js";
import { chinaTextInstant } from "../support/china-text.js";
import {
  WECHAT,
  expectNoSecretsLogged,
  expectNoSecretsLoggedByEachTest,
  memoryLogger,
  miniStoreClient,
  recentWindow,
} from "./support.js";

const ABOVE_2_53 = 2n ** 53n;

describe("MiniStoreClient orders (against the simulator)", () => {
  const { logger, lines } = memoryLogger();
  expectNoSecretsLoggedByEachTest(lines, [WECHAT.secret]);
  let sim: WechatSimulator;
  let mini: MiniStoreClient;

  beforeAll(async () => {
    sim = await startWechatSimulator({ ...WECHAT, seed: 3, orderCount: 400 });
    mini = miniStoreClient(sim, logger);
  });
  afterAll(async () => {
    await mini.close();
    await sim.close();
  });

  it("keeps 19-digit order ids digit-exact in a list page", async () => {
    const page = await mini.listOrders(recentWindow(sim.now(), { status: 30, pageSize: 100 }));
    const held = sim
      .orders({ status: 30, source: 1 })
      .filter((order) => order.create_time >= recentWindow(sim.now()).startCreateTime!);
    expect(page.totalNum).toBe(held.length);
    expect(page.orders.map((row) => row.orderId)).toEqual(
      held.slice(0, 100).map((order) => String(order.order_id)),
    );
    const big = page.orders.filter((row) => BigInt(row.orderId) > ABOVE_2_53);
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((row) => /^\d{19}$/.test(row.orderId))).toBe(true);
    // The rows returned are validated in full and mapped with the same exact ids.
    expect(big.map((row) => miniStoreOrderOfRow(row).orderId)).toEqual(big.map((row) => row.orderId));
  });

  it("gets one order by a 19-digit id, sent as a bare JSON number with its exact digits", async () => {
    const target = sim
      .orders()
      .find((order) => order.order_id > ABOVE_2_53 && String(order.order_id).length === 19)!;
    // Not representable as a float: a round-trip through Number would change its digits.
    expect(String(Number(target.order_id))).not.toBe(String(target.order_id));
    const order = await mini.getOrder(String(target.order_id));
    expect(order?.order_id).toBe(String(target.order_id));
    expect(order?.create_time).toEqual(chinaTextInstant(target.create_time)); // the same instant
  });

  it("answers null for an order WeChat does not have (100002) and for an id that is not digits", async () => {
    expect(await mini.getOrder("1234567890123456789")).toBeNull();
    expect(await mini.getOrder("not-an-id")).toBeNull();
  });

  it("checkReady obtains a token", async () => {
    await expect(mini.checkReady()).resolves.toBeUndefined();
  });

  it("logs its calls without the secret or the token", async () => {
    await mini.listOrders(recentWindow(sim.now()));
    expectNoSecretsLogged(lines, [WECHAT.secret]);
  });
});
