// Golden test: the weixin12315 document's example response, parsed from its JSON text, validated,
// mapped and served through the built subgraph schema, gives exactly this GraphQL result (every field).
import { parse } from "lossless-json";
import { describe, expect, it } from "vitest";

import { mapWeixin12315Order } from "../../src/orders/mapping/weixin12315-order.js";
import { weixin12315WireOrder } from "../../src/datasources/weixin12315/wire.js";
import { exampleContext, weixin12315Example, weixin12315ExampleText } from "./example-orders.js";
import { executeOperation } from "./execute-operation.js";
import { money, TIME_ZONES, useTimeZone } from "./time-zones.js";

const exampleOrder = {
  __typename: "Weixin12315Order",
  id: "V2VpeGluMTIzMTVPcmRlcjpmdzIwMTcwNzI5MTMzOTYyODY",
  source: "WEIXIN12315",
  orderId: "12613",
  orderNumber: "fw2017072913396286",
  status: "PENDING_PAYMENT",
  sourceStatus: "待付款",
  weixin12315Status: "PENDING_PAYMENT",
  createdAt: "2017-07-29T13:39:34+08:00",
  updatedAt: null,
  // 待付款: the example's passtime repeats the order time; it is not a payment.
  paidAt: null,
  passTime: "2017-07-29T13:39:34+08:00",
  totalAmount: money("112.00", 11200),
  freight: money("0.00", 0),
  buyerOpenid: "os9Zrt_b*****************",
  buyerNote: null,
  merchantNote: null,
  nickname: "布***鱼",
  usePoints: 0,
  isCheck: "0",
  products: [
    {
      __typename: "Weixin12315OrderItem",
      productId: "2140",
      skuId: null,
      title: '海宴mini小酒 "?/\\~@#$%^&*///******',
      quantity: 2,
      unitPrice: money("56.00", 5600),
      totalPrice: money("112.00", 11200),
      imageUrl: "http://image.yibishi.com/2017/07/13800138000/f5d7f11e-c41d-4cf6-9ee6-045936a6fcf0.gif",
      recordId: "11942",
      orderId: "12613",
      activityId: "0",
      number: "QAQ002",
      discount: "1.00",
      payPrice: money("112.00", 11200),
      payPoint: 0,
      publishedTime: "2017-07-29T13:39:34+08:00",
      formatId: "0",
      ggRemark: "",
      weight: "0.00",
      yhRemark: "",
      productType: 0,
      lastTimestamp: "AAAAAAGnImo=",
      giftSource: 0,
      cxActivityId: "0",
      giftType: 0,
      purchasePrice: money("0.00", 0),
    },
  ],
  payInfo: { __typename: "Weixin12315PayInfo", method: "", paidAt: null, amount: money("112.00", 11200) },
  deliveryInfo: null,
  aftersale: null,
};

describe.each(TIME_ZONES)("weixin12315 example response (TZ=$tz)", (zone) => {
  useTimeZone(zone);

  it("parses the example: count as the total, string ids, decimals as written", () => {
    const { return_data } = weixin12315Example();
    expect(return_data.total).toBe(74);
    const [order] = return_data.orders;
    expect(order?.orderid).toBe("12613");
    expect(order?.payprice).toBe("112.00");
    expect(order?.items[0]?.originalPrice).toBe("56.00");
  });

  it("maps to instants independent of the server's time zone", () => {
    const order = mapWeixin12315Order(weixin12315Example().return_data.orders[0]!);
    expect(order.createdAt.toISOString()).toBe("2017-07-29T05:39:34.000Z");
  });

  it("serves the example order with every field", async () => {
    const result = await executeOperation(
      "OrderByNumber",
      { source: "WEIXIN12315", orderNumber: "fw2017072913396286" },
      exampleContext(),
    );
    expect(result).toEqual({ data: { orderByNumber: exampleOrder } });
  });
});

describe("weixin12315 statuses, addresses and the derived after-sale", () => {
  // Variants of the example as sent (before validation), each validated like an upstream body.
  const sent = (parse(weixin12315ExampleText) as { return_data: { orders: object[] } }).return_data
    .orders[0]!;
  const variant = (overrides: Record<string, unknown>) =>
    weixin12315WireOrder.parse({ ...sent, ...overrides });

  it("exposes a refund order's after-sale, derived from its status alone", async () => {
    const refund = variant({ orderstatus: "退款订单" });
    const result = await executeOperation(
      "OrderByNumber",
      { source: "WEIXIN12315", orderNumber: refund.ordernumber },
      exampleContext([], [refund]),
    );
    expect(result.data?.orderByNumber).toMatchObject({
      status: "REFUND",
      sourceStatus: "退款订单",
      weixin12315Status: "REFUND",
      paidAt: "2017-07-29T13:39:34+08:00",
      aftersale: {
        __typename: "Weixin12315Aftersale",
        inProgressCount: 1,
        caseCount: 1,
        sourceStatus: "退款订单",
      },
    });
  });

  it("maps the documented address fields to deliveryInfo", async () => {
    const shipped = variant({
      orderstatus: "待收货",
      consignee: "王女士",
      mobile: "13800138000",
      province: "浙江省",
      city: "杭州市",
      county: "西湖区",
      address: "文三路1号",
      postcode: "310012",
      remark: "请尽快发货",
      businessremark: "已核对",
    });
    const result = await executeOperation(
      "OrderByNumber",
      { source: "WEIXIN12315", orderNumber: shipped.ordernumber },
      exampleContext([], [shipped]),
    );
    expect(result.data?.orderByNumber).toMatchObject({
      status: "SHIPPED",
      buyerNote: "请尽快发货",
      merchantNote: "已核对",
      deliveryInfo: {
        __typename: "Weixin12315DeliveryInfo",
        recipientName: "王女士",
        phone: "13800138000",
        province: "浙江省",
        city: "杭州市",
        district: "西湖区",
        addressLine: "文三路1号",
        postalCode: "310012",
      },
    });
  });
});
