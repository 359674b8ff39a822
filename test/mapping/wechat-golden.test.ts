// Golden test: the WeChat document's example response, parsed from its JSON text, validated, mapped and
// served through the built subgraph schema, gives exactly these GraphQL results (every field).
import { describe, expect, it } from "vitest";

import { mapMiniStoreOrder } from "../../src/orders/mapping/mini-store-order.js";
import { decodeOrderNodeId } from "../../src/schema/node-id.js";
import { exampleContext, wechatExample } from "./example-orders.js";
import { executeOperation } from "./execute-operation.js";
import { money, TIME_ZONES, useTimeZone } from "./time-zones.js";

const address = {
  userName: "陈先生",
  postalCode: "2435245",
  provinceName: "广东",
  cityName: "广州",
  countyName: "海珠区",
  detailInfo: "大塘",
  nationalCode: "234234",
  telNumber: "24534252",
};

const documentedOrder = {
  __typename: "MiniStoreOrder",
  id: "TWluaVN0b3JlT3JkZXI6MTIxMjMxMjEzMzI",
  source: "MINI_STORE",
  orderId: "12123121332",
  orderNumber: "12123121332",
  status: "PENDING_SHIPMENT",
  sourceStatus: "20",
  miniStoreStatus: "PENDING_SHIPMENT",
  createdAt: "2020-03-25T13:05:25+08:00",
  updatedAt: "2020-03-25T14:05:25+08:00",
  paidAt: "2020-03-25T14:05:25+08:00",
  totalAmount: money("105.00", 10500),
  freight: money("5.00", 500),
  buyerOpenid: "oDNt95V1edm_RT8K5GSLW4dQYciE",
  buyerNote: "发顺丰",
  merchantNote: "库存不足,取消",
  orderType: 0,
  products: [
    {
      __typename: "MiniStoreProductInfo",
      productId: "234245",
      skuId: "23424",
      title: "健身环",
      quantity: 10,
      unitPrice: money("20.00", 2000),
      totalPrice: money("200.00", 20000),
      imageUrl:
        "http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg",
      onAftersaleSkuCnt: 10,
      finishAftersaleSkuCnt: 0,
      skuAttrs: [{ attrKey: "选择颜色", attrValue: "红蓝主机" }],
      marketPrice: money("20.00", 2000),
    },
    {
      __typename: "MiniStoreProductInfo",
      productId: "9007199254740993123",
      skuId: "9007199254740993124",
      title: "健身环绑带",
      quantity: 1,
      unitPrice: money("5.00", 500),
      totalPrice: money("5.00", 500),
      imageUrl: "http://img10.360buyimg.com/n1/strap.jpg",
      onAftersaleSkuCnt: 0,
      finishAftersaleSkuCnt: 0,
      skuAttrs: [
        { attrKey: "尺码", attrValue: "均码" },
        { attrKey: "颜色", attrValue: "黑色" },
      ],
      marketPrice: money("8.00", 800),
    },
  ],
  payInfo: {
    __typename: "MiniStorePayInfo",
    method: "微信支付",
    paidAt: "2020-03-25T14:05:25+08:00",
    amount: money("105.00", 10500),
    prepayId: "42526234625",
    transactionId: "131456479687",
    prepayTime: "2020-03-25T14:04:25+08:00",
  },
  priceInfo: {
    productPrice: money("200.00", 20000),
    orderPrice: money("105.00", 10500),
    freight: money("5.00", 500),
    discountedPrice: money("100.00", 10000),
    isDiscounted: true,
  },
  deliveryInfo: {
    __typename: "MiniStoreDeliveryInfo",
    recipientName: "陈先生",
    phone: "24534252",
    province: "广东",
    city: "广州",
    district: "海珠区",
    addressLine: "大塘",
    postalCode: "2435245",
    addressInfo: address,
    deliveryMethod: "快递",
    expressFee: [{ shippingMethod: "ShippingMethod_Express" }],
    shipments: [
      {
        waybillId: "134654612313",
        deliveryId: "STO",
        deliveryTime: "2021-05-11T21:01:20+08:00",
        deliverType: "DELIVERY_TYPE_OPTIONAL_EXPRESS",
        deliveryAddress: address,
        productInfos: [{ productId: "234245", skuId: "23424", productCnt: 1 }],
      },
      {
        waybillId: "773012345678901",
        deliveryId: "SF",
        deliveryTime: "2021-05-11T22:01:20+08:00",
        deliverType: "DELIVERY_TYPE_OPTIONAL_EXPRESS",
        deliveryAddress: address,
        productInfos: [{ productId: "9007199254740993123", skuId: "9007199254740993124", productCnt: 1 }],
      },
    ],
    shipDoneTime: "2021-05-11T21:01:20+08:00",
    insuranceInfo: { type: "InsuranceSourceType_None", insurancePrice: money("0.00", 0) },
    deliverType: "DELIVERY_TYPE_OPTIONAL_EXPRESS",
    offlineDeliveryTime: null,
    offlinePickupTime: null,
  },
  aftersale: {
    __typename: "MiniStoreAftersale",
    inProgressCount: 1,
    caseCount: 2,
    aftersaleOrders: [
      { aftersaleOrderId: "1234", status: 13 },
      { aftersaleOrderId: "9223372036854775807", status: 2 },
    ],
  },
  extInfo: { customerNotes: "发顺丰", merchantNotes: "库存不足,取消" },
};

/** The filled-in second order: unpaid, 19-digit id, no delivery, payment or after-sale sections. */
const unpaidOrder = {
  __typename: "MiniStoreOrder",
  id: "TWluaVN0b3JlT3JkZXI6MzcwNDg1MjQ2MTYyODE0NTY2OQ",
  source: "MINI_STORE",
  orderId: "3704852461628145669",
  orderNumber: "3704852461628145669",
  status: "PENDING_PAYMENT",
  sourceStatus: "10",
  miniStoreStatus: "PENDING_PAYMENT",
  createdAt: "2020-03-25T13:06:40+08:00",
  updatedAt: "2020-03-25T13:06:40+08:00",
  paidAt: null,
  totalAmount: money("20.00", 2000),
  freight: money("0.00", 0),
  buyerOpenid: "oDNt95V1edm_RT8K5GSLW4dQYciF",
  buyerNote: null,
  merchantNote: null,
  orderType: 0,
  products: [
    {
      __typename: "MiniStoreProductInfo",
      productId: "234245",
      skuId: "23424",
      title: "健身环",
      quantity: 1,
      unitPrice: money("20.00", 2000),
      totalPrice: money("20.00", 2000),
      imageUrl:
        "http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg",
      onAftersaleSkuCnt: 0,
      finishAftersaleSkuCnt: 0,
      skuAttrs: [],
      marketPrice: money("20.00", 2000),
    },
  ],
  payInfo: null,
  priceInfo: {
    productPrice: money("20.00", 2000),
    orderPrice: money("20.00", 2000),
    freight: money("0.00", 0),
    discountedPrice: money("0.00", 0),
    isDiscounted: false,
  },
  deliveryInfo: null,
  aftersale: null,
  extInfo: { customerNotes: "", merchantNotes: "" },
};

describe.each(TIME_ZONES)("WeChat example response (TZ=$tz)", (zone) => {
  useTimeZone(zone);

  it("parses losslessly: ids above 2^53 keep every digit", () => {
    const [documented, unpaid] = wechatExample().orders;
    expect(documented?.order_id).toBe("12123121332");
    expect(unpaid?.order_id).toBe("3704852461628145669");
    expect(documented?.order_detail?.product_infos[1]?.product_id).toBe("9007199254740993123");
    expect(wechatExample().total_num).toBe(20);
  });

  it("maps to instants independent of the server's time zone", () => {
    const order = mapMiniStoreOrder(wechatExample().orders[0]!);
    expect(order.createdAt.toISOString()).toBe("2020-03-25T05:05:25.000Z");
    expect(order.deliveryInfo?.shipments[0]?.deliveryTime?.toISOString()).toBe("2021-05-11T13:01:20.000Z");
  });

  it.each([
    ["12123121332", documentedOrder],
    ["3704852461628145669", unpaidOrder],
  ])("serves order %s with every field", async (orderNumber, expected) => {
    const result = await executeOperation(
      "OrderByNumber",
      { source: "MINI_STORE", orderNumber },
      exampleContext(),
    );
    expect(result).toEqual({ data: { orderByNumber: expected } });
  });

  it("issues ids that decode to the order and refetch it", async () => {
    expect(decodeOrderNodeId(documentedOrder.id)).toEqual({ source: "MINI_STORE", key: "12123121332" });
    const result = await executeOperation("OrderById", { id: unpaidOrder.id }, exampleContext());
    expect(result).toEqual({ data: { order: unpaidOrder } });
  });
});
