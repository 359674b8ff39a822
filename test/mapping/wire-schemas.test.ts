// The zod wire layer: lossless primitives and the documented quirks both upstreams are known to have.
import { parse } from "lossless-json";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { UpstreamBadResponseError } from "../../src/datasources/errors.js";
import { mapMiniStoreOrder, miniStoreOrderOfRow } from "../../src/orders/mapping/mini-store-order.js";
import {
  miniStoreListedOrdersResponse,
  miniStoreOrderGetResponse,
  miniStoreOrderListResponse,
} from "../../src/datasources/wechat/wire.js";
import { mapWeixin12315Order, weixin12315OrderOfRow } from "../../src/orders/mapping/weixin12315-order.js";
import {
  weixin12315ListedOrdersResponse,
  weixin12315OrderListResponse,
} from "../../src/datasources/weixin12315/wire.js";
import {
  optional,
  optionalBlank,
  wireBool,
  wireDecimal,
  wireId,
  wireInt,
  wireText,
  wireYuan,
} from "../../src/datasources/wire-primitives.js";
import { wechatExampleText, weixin12315ExampleText } from "./example-orders.js";

/** The value of `{"v": <json>}` after lossless parsing and the given schema. */
const read = <T extends z.ZodType>(schema: T, json: string) =>
  z.object({ v: schema }).safeParse(parse(`{"v": ${json}}`));

describe("wire primitives", () => {
  it.each([
    ["12123121332", "12123121332"],
    ["3704852461628145669", "3704852461628145669"],
    ["18446744073709551615", "18446744073709551615"],
    ['"3704852461628145669"', "3704852461628145669"],
    ["0", "0"],
  ])("wireId reads %s as exact digits", (json, expected) => {
    expect(read(wireId, json)).toMatchObject({ success: true, data: { v: expected } });
  });

  it.each(["-1", "1.5", "1e3", '"12a"', '""', "null", "true"])("wireId rejects %s", (json) => {
    expect(read(wireId, json).success).toBe(false);
  });

  it.each([
    ["20", 20],
    ['"0"', 0],
    ["-1", -1],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
  ])("wireInt reads %s", (json, expected) => {
    expect(read(wireInt, json)).toMatchObject({ success: true, data: { v: expected } });
  });

  it.each(["9007199254740993", "2.5", '"x"', "1e2"])("wireInt rejects %s instead of rounding", (json) => {
    expect(read(wireInt, json).success).toBe(false);
  });

  it.each([
    ["56.00", "56.00"],
    ['"112.00"', "112.00"],
    ["0.10", "0.10"],
    ["0", "0"],
    ["-3.5", "-3.5"],
    ["12345678901234567890.99", "12345678901234567890.99"],
  ])("wireDecimal keeps %s exactly as written", (json, expected) => {
    expect(read(wireDecimal, json)).toMatchObject({ success: true, data: { v: expected } });
  });

  it.each(["1e2", '"1,00"', '"¥1"', "true"])("wireDecimal rejects %s", (json) => {
    expect(read(wireDecimal, json).success).toBe(false);
  });

  it("wireYuan admits whole fen only", () => {
    expect(read(wireYuan, "56.00")).toMatchObject({ data: { v: "56.00" } });
    expect(read(wireYuan, '"0.5"')).toMatchObject({ data: { v: "0.5" } });
    expect(read(wireYuan, '"1.2300"')).toMatchObject({ data: { v: "1.2300" } });
    expect(read(wireYuan, '"1.234"').success).toBe(false);
  });

  it.each([
    ["true", true],
    ["false", false],
    ["1", true],
    ['"0"', false],
  ])("wireBool reads %s", (json, expected) => {
    expect(read(wireBool, json)).toMatchObject({ success: true, data: { v: expected } });
  });

  it("wireText keeps text, and a number where text is documented keeps its digits", () => {
    expect(read(wireText, '"发顺丰"')).toMatchObject({ data: { v: "发顺丰" } });
    expect(read(wireText, "42526234625123456789")).toMatchObject({ data: { v: "42526234625123456789" } });
    expect(read(wireText, "1.10")).toMatchObject({ data: { v: "1.10" } });
  });

  it("optional turns missing and null into null; optionalBlank also empty text", () => {
    const schema = z.object({ a: optional(wireText), b: optionalBlank(wireInt) });
    expect(schema.parse({})).toEqual({ a: null, b: null });
    expect(schema.parse({ a: null, b: "" })).toEqual({ a: null, b: null });
    expect(schema.parse({ a: "", b: "3" })).toEqual({ a: "", b: 3 });
  });
});

describe("WeChat wire schemas", () => {
  const example = () => parse(wechatExampleText) as { orders: Record<string, unknown>[] };

  it("accept the document's example", () => {
    expect(miniStoreOrderListResponse.safeParse(parse(wechatExampleText)).success).toBe(true);
  });

  it("accept an order with only the required fields, optional sections absent or null", () => {
    const order = { order_id: 1, status: 10, create_time: "2020-03-25 13:05:25", order_detail: null };
    const parsed = miniStoreOrderGetResponse.parse({ errcode: 0, order });
    expect(parsed.order).toMatchObject({
      order_id: "1",
      update_time: null,
      order_detail: null,
      aftersale_detail: null,
      ext_info: null,
      openid: null,
    });
    const withEmptyDetail = miniStoreOrderGetResponse.parse({ order: { ...order, order_detail: {} } });
    expect(withEmptyDetail.order.order_detail).toEqual({
      product_infos: [],
      pay_info: null,
      price_info: null,
      delivery_info: null,
    });
  });

  it("name the path of a field that breaks the document", () => {
    const body = example();
    (body.orders[0]!.order_detail as { price_info: Record<string, unknown> }).price_info.order_price = "10.5";
    body.orders[1]!.status = 42;
    const result = miniStoreOrderListResponse.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join("."))).toEqual([
      "orders.0.order_detail.price_info.order_price",
      "orders.1.status",
    ]);
    expect(result.error!.issues[1]!.message).toContain("undocumented order status");
  });

  it("reject unreadable times", () => {
    const body = example();
    body.orders[0]!.create_time = "2020-02-30 10:00:00";
    expect(miniStoreOrderListResponse.safeParse(body).success).toBe(false);
  });
});

describe("weixin12315 wire schema", () => {
  const example = () =>
    parse(weixin12315ExampleText) as {
      return_data: Record<string, unknown> & { orders: Record<string, unknown>[] };
    };

  it("reads the record count from `count` (example) or `total` (field table); total wins", () => {
    const counted = example();
    expect(weixin12315OrderListResponse.parse(counted).return_data.total).toBe(74);
    const totalled = example();
    delete totalled.return_data.count;
    totalled.return_data.total = 75;
    expect(weixin12315OrderListResponse.parse(totalled).return_data.total).toBe(75);
    const both = { ...example(), return_data: { ...example().return_data, total: 76 } };
    expect(weixin12315OrderListResponse.parse(both).return_data.total).toBe(76);
    const neither = example();
    delete neither.return_data.count;
    expect(weixin12315OrderListResponse.safeParse(neither).error?.issues[0]?.message).toMatch(
      /total nor count/,
    );
  });

  it("accepts ids as numbers or strings and string-typed ints", () => {
    const body = example();
    const order = body.return_data.orders[0]!;
    order.orderid = 12613;
    order.usepoints = "15";
    const parsed = weixin12315OrderListResponse.parse(body).return_data.orders[0]!;
    expect(parsed.orderid).toBe("12613");
    expect(parsed.usepoints).toBe(15);
  });

  it("tolerates absent optional fields, empty strings and absent items", () => {
    const body = example();
    const order = body.return_data.orders[0]!;
    for (const key of ["nickname", "payway", "usepoints", "fees", "ischeck", "openid", "items"])
      delete order[key];
    order.passtime = "";
    order.payprice = "";
    const parsed = weixin12315OrderListResponse.parse(body).return_data.orders[0]!;
    expect(parsed).toMatchObject({
      passtime: null,
      payprice: null,
      usepoints: null,
      items: [],
      consignee: null,
    });
  });

  it("accepts an empty page", () => {
    const parsed = weixin12315OrderListResponse.parse({
      return_code: "0",
      return_msg: "success",
      return_data: { total: 0 },
    });
    expect(parsed.return_data).toEqual({ total: 0, orders: [] });
  });

  it("rejects an undocumented status and an amount with a fraction of a fen, naming their paths", () => {
    const body = example();
    body.return_data.orders[0]!.orderstatus = "已发货";
    body.return_data.orders[0]!.payprice = "112.005";
    const result = weixin12315OrderListResponse.safeParse(body);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "return_data.orders.0.orderstatus",
      "return_data.orders.0.payprice",
    ]);
  });
});

describe("listed rows (list pages validate the order key; the rest when a row is returned)", () => {
  const wechat = () => parse(wechatExampleText) as { orders: Record<string, unknown>[] };
  const weixin = () =>
    parse(weixin12315ExampleText) as { return_data: { orders: Record<string, unknown>[] } };

  it("carry the validated key and the raw row; the row maps to what full validation gives", () => {
    const listed = miniStoreListedOrdersResponse.parse(wechat());
    const full = miniStoreOrderListResponse.parse(wechat());
    expect(listed.total_num).toBe(full.total_num);
    expect(listed.orders[0]).toMatchObject({
      source: "MINI_STORE",
      orderId: "12123121332",
      createdAt: full.orders[0]!.create_time,
      index: 0,
    });
    expect(listed.orders.map(miniStoreOrderOfRow)).toEqual(full.orders.map(mapMiniStoreOrder));

    const listed12315 = weixin12315ListedOrdersResponse.parse(weixin()).return_data;
    const full12315 = weixin12315OrderListResponse.parse(weixin()).return_data;
    expect(listed12315.total).toBe(full12315.total);
    expect(listed12315.orders.map(weixin12315OrderOfRow)).toEqual(full12315.orders.map(mapWeixin12315Order));
  });

  it("accept a malformed field outside the key, and fail on it (with its full path) once the row is mapped", () => {
    const body = wechat();
    (body.orders[0]!.order_detail as { price_info: Record<string, unknown> }).price_info.order_price = "10.5";
    const row = miniStoreListedOrdersResponse.parse(body).orders[0]!;
    expect(() => miniStoreOrderOfRow(row)).toThrow(UpstreamBadResponseError);
    expect(() => miniStoreOrderOfRow(row)).toThrow(
      "MINI_STORE product/order/get_list: response does not match the documented shape at " +
        'orders[0].order_detail.price_info.order_price: expected an integer, got "10.5"',
    );

    const body12315 = weixin();
    body12315.return_data.orders[0]!.payprice = "112.005";
    const row12315 = weixin12315ListedOrdersResponse.parse(body12315).return_data.orders[0]!;
    expect(() => weixin12315OrderOfRow(row12315)).toThrow(
      "at return_data.orders[0].payprice: expected an amount in yuan",
    );
  });

  it("reject a malformed key field, with the same quirks accepted as by the full schema", () => {
    const body = wechat();
    body.orders[0]!.create_time = "2020-02-30 10:00:00";
    body.orders[1]!.order_id = "12a";
    const result = miniStoreListedOrdersResponse.safeParse(body);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "orders.0.create_time",
      "orders.1.order_id",
    ]);

    const body12315 = weixin();
    body12315.return_data.orders[0]!.orderid = 12613; // a number where the example sends text: accepted
    expect(weixin12315ListedOrdersResponse.parse(body12315).return_data.orders[0]!.orderId).toBe("12613");
    body12315.return_data.orders[0]!.ordertime = "";
    expect(
      weixin12315ListedOrdersResponse.safeParse(body12315).error?.issues.map((issue) => issue.path.join(".")),
    ).toEqual(["return_data.orders.0.ordertime"]);
  });

  it("are validated in full once per row, on demand, and the result kept by the row", () => {
    const [row] = miniStoreListedOrdersResponse.parse(wechat()).orders;
    expect(row!.order()).toBe(row!.order());
  });
});
