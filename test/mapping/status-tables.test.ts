// The one status table per source: every upstream status maps both ways, as the contract lists them.
import { describe, expect, it } from "vitest";

import {
  MINI_STORE_STATUS_CODES,
  miniStoreStatusesFor,
  miniStoreStatusFromCode,
  normalizeMiniStoreStatus,
} from "../../src/datasources/wechat/status.js";
import {
  WEIXIN12315_STATUS_NAMES,
  normalizeWeixin12315Status,
  weixin12315StatusCodes,
  weixin12315StatusesFor,
  weixin12315StatusFromName,
} from "../../src/datasources/weixin12315/status.js";
import { MiniStoreOrderStatus } from "../../src/schema/enums/mini-store-order-status.enum.js";
import { OrderStatus } from "../../src/schema/enums/order-status.enum.js";
import { Weixin12315OrderStatus } from "../../src/schema/enums/weixin12315-order-status.enum.js";

describe("WeChat statuses", () => {
  it.each([
    [10, "PENDING_PAYMENT", OrderStatus.PENDING_PAYMENT],
    [15, "PENDING_GROUP", OrderStatus.PENDING_GROUP],
    [16, "PENDING_ACCEPTANCE", OrderStatus.PENDING_ACCEPTANCE],
    [17, "PENDING_REDEMPTION", OrderStatus.PENDING_REDEMPTION],
    [20, "PENDING_SHIPMENT", OrderStatus.PENDING_SHIPMENT],
    [21, "PARTIALLY_SHIPPED", OrderStatus.PARTIALLY_SHIPPED],
    [30, "SHIPPED", OrderStatus.SHIPPED],
    [100, "COMPLETED", OrderStatus.COMPLETED],
    [181, "AUTO_CANCELLED_REFUNDED", OrderStatus.CANCELLED],
    [190, "CANCELLED_OVERSOLD", OrderStatus.CANCELLED],
    [200, "CANCELLED_AFTER_FULL_AFTERSALE", OrderStatus.CANCELLED],
    [250, "CANCELLED", OrderStatus.CANCELLED],
  ])("code %i is %s, normalized %s", (code, name, normalized) => {
    const status = miniStoreStatusFromCode(code);
    expect(MiniStoreOrderStatus[status!]).toBe(name);
    expect(normalizeMiniStoreStatus(status!)).toBe(normalized);
  });

  it("knows exactly the documented codes, in order", () => {
    expect(MINI_STORE_STATUS_CODES).toEqual([10, 15, 16, 17, 20, 21, 30, 100, 181, 190, 200, 250]);
    expect(miniStoreStatusFromCode(11)).toBeUndefined();
  });

  it("lists the codes to request for a normalized status", () => {
    expect(miniStoreStatusesFor(OrderStatus.CANCELLED)).toEqual([181, 190, 200, 250]);
    expect(miniStoreStatusesFor(OrderStatus.SHIPPED)).toEqual([30]);
    expect(miniStoreStatusesFor(OrderStatus.REFUND)).toEqual([]);
  });
});

describe("weixin12315 statuses", () => {
  it.each([
    ["待付款", Weixin12315OrderStatus.PENDING_PAYMENT, OrderStatus.PENDING_PAYMENT, 1],
    ["待发货", Weixin12315OrderStatus.PENDING_SHIPMENT, OrderStatus.PENDING_SHIPMENT, 2],
    ["待收货", Weixin12315OrderStatus.SHIPPED, OrderStatus.SHIPPED, 3],
    ["完成交易", Weixin12315OrderStatus.COMPLETED, OrderStatus.COMPLETED, 4],
    ["取消交易", Weixin12315OrderStatus.CANCELLED, OrderStatus.CANCELLED, 5],
    ["退款订单", Weixin12315OrderStatus.REFUND, OrderStatus.REFUND, 6],
  ] as const)("%s is %s, normalized %s, requested as %i by default", (name, status, normalized, code) => {
    expect(weixin12315StatusFromName(name)).toBe(status);
    expect(normalizeWeixin12315Status(status)).toBe(normalized);
    expect(weixin12315StatusCodes()[status]).toBe(code);
    expect(weixin12315StatusesFor(normalized)).toEqual([status]);
  });

  it("lists the names in the document's order", () => {
    expect(WEIXIN12315_STATUS_NAMES).toEqual([
      "待付款",
      "待发货",
      "待收货",
      "完成交易",
      "取消交易",
      "退款订单",
    ]);
  });

  it("applies configured request codes over the defaults and rejects ambiguous ones", () => {
    const codes = weixin12315StatusCodes({ REFUND: 9, PENDING_PAYMENT: 0 });
    expect(codes).toEqual({
      PENDING_PAYMENT: 0,
      PENDING_SHIPMENT: 2,
      SHIPPED: 3,
      COMPLETED: 4,
      CANCELLED: 5,
      REFUND: 9,
    });
    expect(() => weixin12315StatusCodes({ REFUND: 1 })).toThrow(/distinct/);
  });

  it("has no PENDING_GROUP and friends", () => {
    expect(weixin12315StatusesFor(OrderStatus.PENDING_GROUP)).toEqual([]);
  });
});
