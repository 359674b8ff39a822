import { Field, ID, InterfaceType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import type { OrderSourceName } from "../../shared/order-source.js";
import { OrderSource } from "../enums/order-source.enum.js";
import { OrderStatus } from "../enums/order-status.enum.js";
import { PersonalData } from "../personal-data.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";
import { Aftersale } from "../unions/aftersale.union.js";
import { DeliveryInfo } from "../unions/delivery-info.union.js";
import { PayInfo } from "../unions/pay-info.union.js";
import { ProductInfo } from "../unions/product-info.union.js";
import type { AftersaleCommon } from "./aftersale-common.interface.js";
import type { DeliveryInfoCommon } from "./delivery-info-common.interface.js";
import { Money } from "./money.type.js";
import { Node } from "./node.interface.js";
import type { PayInfoCommon } from "./pay-info-common.interface.js";
import type { ProductInfoCommon } from "./product-info-common.interface.js";
import { resolveBySource } from "./resolve-by-source.js";

@InterfaceType({
  description: "Fields every order has, whichever source it comes from.",
  implements: Node,
  resolveType: resolveBySource("order"),
})
export abstract class OrderCommon implements Node {
  @Field(() => ID, { description: "Opaque, stable global id (`node(id:)`)." })
  id!: string;

  @Field(() => OrderSource, { description: "The shop the order comes from." })
  source!: OrderSourceName;

  @Field({
    description: "The source's own order id, digit-exact (WeChat `order_id`, weixin12315 `orderid`).",
  })
  orderId!: string;

  @Field({ description: "The order number a person sees (WeChat `order_id`, weixin12315 `ordernumber`)." })
  orderNumber!: string;

  @Field(() => OrderStatus, { description: "Status normalized across sources." })
  status!: OrderStatus;

  @Field({ description: 'The exact upstream status, e.g. "250" (WeChat) or "取消交易" (weixin12315).' })
  sourceStatus!: string;

  @Field(() => DateTimeScalar, { description: "When the order was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the order last changed; null where the source has no such time.",
  })
  updatedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the buyer paid; null while unpaid." })
  paidAt!: Date | null;

  @Field(() => Money, {
    nullable: true,
    description: "Amount the buyer pays for the order, freight included.",
  })
  totalAmount!: MoneyValue | null;

  @Field(() => Money, { nullable: true, description: "Freight charged." })
  freight!: MoneyValue | null;

  @PersonalData("openid", { onInterface: true })
  @Field(() => String, { nullable: true, description: "The buyer's openid (buyer personal data)." })
  buyerOpenid!: string | null;

  @Field(() => String, { nullable: true, description: "The buyer's note to the merchant; null when empty." })
  buyerNote!: string | null;

  @Field(() => String, { nullable: true, description: "The merchant's own note; null when empty." })
  merchantNote!: string | null;

  @Field(() => [ProductInfo], { description: "Ordered product lines." })
  products!: ProductInfoCommon[];

  @Field(() => PayInfo, { nullable: true, description: "Payment details; null when the source sent none." })
  payInfo!: PayInfoCommon | null;

  @Field(() => DeliveryInfo, {
    nullable: true,
    description: "Delivery details; null when the source sent none.",
  })
  deliveryInfo!: DeliveryInfoCommon | null;

  @Field(() => Aftersale, { nullable: true, description: "After-sale state; null when the order has none." })
  aftersale!: AftersaleCommon | null;
}
