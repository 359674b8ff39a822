// Buyer personal data over HTTP: masked by default, clear with the orders:pii scope, and clear for
// everyone only when a deployment switches masking off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createOrdersServer, type OrdersServer } from "../../src/server/app.js";
import {
  maskAddress,
  maskName,
  maskNickname,
  maskOpenid,
  maskPhone,
  maskPostalCode,
} from "../../src/server/personal-data-masking.js";
import { personalDataFields } from "../../src/server/personal-data-schema.js";
import { buildOrdersSubgraphSchema } from "../../src/resolvers/orders-subgraph.js";
import type { WechatSimOrder, Weixin12315SimOrder } from "../../src/simulators/index.js";
import { startTestStack, type TestStack } from "../support/stack.js";

let stack: TestStack;
let wechatOrder: WechatSimOrder;
let wx12315Order: Weixin12315SimOrder;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 100 });
  wechatOrder = stack.wechat.orders().find((o) => o.order_detail.delivery_info.address_info?.user_name)!;
  wx12315Order = stack.weixin12315
    .orders()
    .find((o) => o.consignee && o.mobile && o.address && o.postcode && o.nickname)!;
});
afterAll(() => stack?.close());

const WECHAT_QUERY = `query($n: String!) {
  orderByNumber(source: MINI_STORE, orderNumber: $n) {
    ... on MiniStoreOrder {
      buyerOpenid
      deliveryInfo { recipientName phone province addressLine postalCode addressInfo { userName telNumber detailInfo postalCode provinceName } }
    }
  }
}`;

const WX12315_QUERY = `query($n: String!) {
  orderByNumber(source: WEIXIN12315, orderNumber: $n) {
    ... on Weixin12315Order { nickname buyerOpenid deliveryInfo { recipientName phone city addressLine postalCode } }
  }
}`;

function wechatExpected(mask: boolean) {
  const a = wechatOrder.order_detail.delivery_info.address_info!;
  const m = <T>(f: (v: string) => string, v: T) => (mask && typeof v === "string" && v !== "" ? f(v) : v);
  return {
    buyerOpenid: m(maskOpenid, wechatOrder.openid),
    deliveryInfo: {
      recipientName: m(maskName, a.user_name),
      phone: m(maskPhone, a.tel_number),
      province: a.province_name,
      addressLine: m(maskAddress, a.detail_info),
      postalCode: m(maskPostalCode, a.postal_code),
      addressInfo: {
        userName: m(maskName, a.user_name),
        telNumber: m(maskPhone, a.tel_number),
        detailInfo: m(maskAddress, a.detail_info),
        postalCode: m(maskPostalCode, a.postal_code),
        provinceName: a.province_name,
      },
    },
  };
}

function wx12315Expected(mask: boolean) {
  const o = wx12315Order;
  const m = (f: (v: string) => string, v: string) => (mask ? f(v) : v);
  return {
    nickname: m(maskNickname, o.nickname),
    buyerOpenid: m(maskOpenid, o.openid),
    deliveryInfo: {
      recipientName: m(maskName, o.consignee),
      phone: m(maskPhone, o.mobile),
      city: o.city,
      addressLine: m(maskAddress, o.address),
      postalCode: m(maskPostalCode, o.postcode),
    },
  };
}

describe("buyer personal data", () => {
  it("marks every personal-data field of the schema for masking", async () => {
    const fields = [...personalDataFields(await buildOrdersSubgraphSchema()).keys()];
    expect(fields).toEqual(
      expect.arrayContaining([
        "MiniStoreOrder.buyerOpenid",
        "MiniStoreDeliveryInfo.recipientName",
        "MiniStoreDeliveryInfo.phone",
        "MiniStoreDeliveryInfo.addressLine",
        "MiniStoreDeliveryInfo.postalCode",
        "MiniStoreAddress.userName",
        "MiniStoreAddress.telNumber",
        "MiniStoreAddress.detailInfo",
        "MiniStoreAddress.postalCode",
        "Weixin12315Order.nickname",
        "Weixin12315Order.buyerOpenid",
        "Weixin12315DeliveryInfo.recipientName",
        "Weixin12315DeliveryInfo.phone",
        "Weixin12315DeliveryInfo.addressLine",
        "Weixin12315DeliveryInfo.postalCode",
      ]),
    );
    expect(fields).not.toContain("MiniStoreDeliveryInfo.province");
  });

  it("masks names, phones, addresses, postal codes and openids without the orders:pii scope", async () => {
    const wechat = await stack.graphql(WECHAT_QUERY, { n: String(wechatOrder.order_id) });
    expect(wechat.errors).toBeUndefined();
    expect(wechat.data).toEqual({ orderByNumber: wechatExpected(true) });
    const wx12315 = await stack.graphql(WX12315_QUERY, { n: wx12315Order.ordernumber });
    expect(wx12315.errors).toBeUndefined();
    expect(wx12315.data).toEqual({ orderByNumber: wx12315Expected(true) });
    expect(
      (wx12315.data!.orderByNumber as { deliveryInfo: { recipientName: string } }).deliveryInfo.recipientName,
    ).toMatch(/^.\*+$/u);
  });

  it("serves the values unmasked when the scope header carries orders:pii", async () => {
    const wechat = await stack.graphql(WECHAT_QUERY, { n: String(wechatOrder.order_id) }, stack.piiHeaders);
    expect(wechat.data).toEqual({ orderByNumber: wechatExpected(false) });
    const wx12315 = await stack.graphql(
      WX12315_QUERY,
      { n: wx12315Order.ordernumber },
      { "x-orders-scopes": "orders:read, orders:pii" },
    );
    expect(wx12315.data).toEqual({ orderByNumber: wx12315Expected(false) });
  });

  it("masks entities resolved for the router (_entities) the same way", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on MiniStoreOrder { buyerOpenid } } }`;
    const variables = { r: [{ __typename: "MiniStoreOrder", orderId: String(wechatOrder.order_id) }] };
    const masked = await stack.graphql(query, variables);
    expect(masked.data).toEqual({ _entities: [{ buyerOpenid: maskOpenid(wechatOrder.openid) }] });
    const clear = await stack.graphql(query, variables, stack.piiHeaders);
    expect(clear.data).toEqual({ _entities: [{ buyerOpenid: wechatOrder.openid }] });
  });

  it("keeps masking for other scopes or another header", async () => {
    const attempts: Record<string, string>[] = [
      { "x-orders-scopes": "orders:read orders:piix" },
      { "x-other-scopes": "orders:pii" },
    ];
    for (const headers of attempts) {
      const { data } = await stack.graphql(WX12315_QUERY, { n: wx12315Order.ordernumber }, headers);
      expect(data).toEqual({ orderByNumber: wx12315Expected(true) });
    }
  });

  describe("with PII_MASKING=off", () => {
    let server: OrdersServer;
    let url: string;
    beforeAll(async () => {
      const config = {
        ...stack.config,
        port: 0,
        personalData: { ...stack.config.personalData, masking: false },
      };
      server = await createOrdersServer(config, {
        sources: stack.server.sources,
        logger: stack.server.logger,
      });
      url = await server.listen();
    });
    afterAll(() => server?.close());

    it("serves personal data unmasked to every caller", async () => {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: WX12315_QUERY, variables: { n: wx12315Order.ordernumber } }),
      });
      expect(await response.json()).toEqual({ data: { orderByNumber: wx12315Expected(false) } });
    });
  });
});
