import { Directive, Field, ID, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { Money } from "../common/money.type.js";
import { Node } from "../common/node.interface.js";
import { OrderCommon } from "../common/order-common.interface.js";
import { OrderSource } from "../enums/order-source.enum.js";
import { OrderStatus } from "../enums/order-status.enum.js";
import { Weixin12315OrderStatus } from "../enums/weixin12315-order-status.enum.js";
import { PersonalData } from "../personal-data.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";
import { SafeIntScalar } from "../scalars/safe-int.scalar.js";
import { Weixin12315Aftersale } from "./weixin12315-aftersale.type.js";
import { Weixin12315DeliveryInfo } from "./weixin12315-delivery-info.type.js";
import { Weixin12315OrderItem } from "./weixin12315-order-item.type.js";
import { Weixin12315PayInfo } from "./weixin12315-pay-info.type.js";

@ObjectType({
  description:
    "An order of the weixin12315 mall (微商城), from `md.shop.order.list`. Payment fields are grouped in `payInfo`, address fields in `deliveryInfo`.",
  implements: [Node, OrderCommon],
  simpleResolvers: true,
})
@Directive('@key(fields: "id")')
@Directive('@key(fields: "orderNumber")')
export class Weixin12315Order implements OrderCommon {
  @Field(() => ID, { description: 'Opaque global id: base64url of "Weixin12315Order:<ordernumber>".' })
  id!: string;

  @Field(() => OrderSource, { description: "Always WEIXIN12315." })
  source!: "WEIXIN12315";

  @Field({ description: "Order id (`orderid`, 订单id), digit-exact." })
  orderId!: string;

  @Field({ description: "Order number (`ordernumber`, 订单编号), e.g. fw2017072913396286." })
  orderNumber!: string;

  @Field(() => OrderStatus, { description: "Normalized status of `orderstatus`." })
  status!: OrderStatus;

  @Field({ description: "The upstream status name (`orderstatus`, 订单状态), e.g. 待付款." })
  sourceStatus!: string;

  @Field(() => Weixin12315OrderStatus, { description: "The upstream status (`orderstatus`) as an enum." })
  weixin12315Status!: Weixin12315OrderStatus;

  @Field(() => DateTimeScalar, { description: "Order time (`ordertime`, 下单时间, China time)." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Always null: weixin12315 reports no update time.",
  })
  updatedAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Payment time (`passtime`, 付款时间); null while the order awaits payment (待付款), where weixin12315 fills `passtime` with the order time.",
  })
  paidAt!: Date | null;

  @Field(() => Money, {
    nullable: true,
    description: "Total the order requires (`payprice`, 订单需支付的总价格, yuan).",
  })
  totalAmount!: MoneyValue | null;

  @Field(() => Money, { nullable: true, description: "Freight (`fees`, 运费, yuan)." })
  freight!: MoneyValue | null;

  @PersonalData("openid")
  @Field(() => String, { nullable: true, description: "The buyer's openid (`openid`, 买家Openid)." })
  buyerOpenid!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The buyer's message (`remark`, 备注(买家留言); empty → null).",
  })
  buyerNote!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The merchant's note (`businessremark`, 商家备注; empty → null).",
  })
  merchantNote!: string | null;

  @Field(() => [Weixin12315OrderItem], { description: "Order lines (`items`, 订单明细)." })
  products!: Weixin12315OrderItem[];

  @Field(() => Weixin12315PayInfo, {
    nullable: true,
    description: "Payment (`payway`, `passtime`, `payprice`).",
  })
  payInfo!: Weixin12315PayInfo | null;

  @Field(() => Weixin12315DeliveryInfo, {
    nullable: true,
    description:
      "Delivery address (`consignee`, `mobile`, `province`, `city`, `county`, `address`, `postcode`); null when none is sent.",
  })
  deliveryInfo!: Weixin12315DeliveryInfo | null;

  @Field(() => Weixin12315Aftersale, {
    nullable: true,
    description: "Derived from the status: present only for a refund order (退款订单), otherwise null.",
  })
  aftersale!: Weixin12315Aftersale | null;

  @PersonalData("nickname")
  @Field(() => String, { nullable: true, description: "The buyer's nickname (`nickname`, 买家昵称)." })
  nickname!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "`passtime` (付款时间) exactly as sent, whatever the status (empty → null).",
  })
  passTime!: Date | null;

  @Field(() => SafeIntScalar, { nullable: true, description: "Points spent (`usepoints`, 消耗积分数)." })
  usePoints!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`ischeck` exactly as sent: present in the document's example response but not in its field table; meaning undocumented.",
  })
  isCheck!: string | null;
}
