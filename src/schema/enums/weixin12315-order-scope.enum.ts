import { registerEnumType } from "type-graphql";

/** weixin12315 `orderscope` request parameter; each value is the upstream code. */
export enum Weixin12315OrderScope {
  ALL = 0,
  MICRO_MALL = 1,
  GROUP_BUY = 2,
  PRIZE = 3,
}

registerEnumType(Weixin12315OrderScope, {
  name: "Weixin12315OrderScope",
  description: "Which weixin12315 order list to search (`orderscope`, 订单列表范围).",
  valuesConfig: {
    ALL: { description: "0: all types (全部类型, also the shipping-management page)." },
    MICRO_MALL: { description: "1: micro-mall orders (微商城订单)." },
    GROUP_BUY: { description: "2: group-buy orders (拼团订单)." },
    PRIZE: { description: "3: prize orders (奖品订单)." },
  },
});
