import { Directive, Field, ID, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { Money } from "../common/money.type.js";
import { Node } from "../common/node.interface.js";
import { OrderCommon } from "../common/order-common.interface.js";
import { MiniStoreOrderStatus } from "../enums/mini-store-order-status.enum.js";
import { OrderSource } from "../enums/order-source.enum.js";
import { OrderStatus } from "../enums/order-status.enum.js";
import { PersonalData } from "../personal-data.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";
import { SafeIntScalar } from "../scalars/safe-int.scalar.js";
import { MiniStoreAftersale } from "./mini-store-aftersale.type.js";
import { MiniStoreDeliveryInfo } from "./mini-store-delivery-info.type.js";
import { MiniStoreExtInfo } from "./mini-store-ext-info.type.js";
import { MiniStorePayInfo } from "./mini-store-pay-info.type.js";
import { MiniStorePriceInfo } from "./mini-store-price-info.type.js";
import { MiniStoreProductInfo } from "./mini-store-product-info.type.js";

@ObjectType({
  description:
    "An order of the WeChat Mini Store (微信小商店), from `product/order/get_list` or `product/order/get`. " +
    "`order_detail` is flattened: its sections are `products`, `payInfo`, `priceInfo` and `deliveryInfo`.",
  implements: [Node, OrderCommon],
  simpleResolvers: true,
})
@Directive('@key(fields: "id")')
@Directive('@key(fields: "orderId")')
export class MiniStoreOrder implements OrderCommon {
  @Field(() => ID, { description: 'Opaque global id: base64url of "MiniStoreOrder:<order_id>".' })
  id!: string;

  @Field(() => OrderSource, { description: "Always MINI_STORE." })
  source!: "MINI_STORE";

  @Field({ description: "WeChat order id (`order_id`, uint64), digit-exact; 19 digits in production." })
  orderId!: string;

  @Field({ description: "The order number a person sees: the same digits as `orderId` (`order_id`)." })
  orderNumber!: string;

  @Field(() => OrderStatus, { description: "Normalized status of `status`." })
  status!: OrderStatus;

  @Field({ description: 'The upstream status code as text (`status`), e.g. "20".' })
  sourceStatus!: string;

  @Field(() => MiniStoreOrderStatus, { description: "The upstream status (`status`) as a WeChat enum." })
  miniStoreStatus!: MiniStoreOrderStatus;

  @Field(() => DateTimeScalar, { description: "Creation time (`create_time`, China time)." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Last update time (`update_time`, China time).",
  })
  updatedAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Payment time (`order_detail.pay_info.pay_time`).",
  })
  paidAt!: Date | null;

  @Field(() => Money, {
    nullable: true,
    description: "Amount the buyer pays (`price_info.order_price`, fen).",
  })
  totalAmount!: MoneyValue | null;

  @Field(() => Money, { nullable: true, description: "Freight (`price_info.freight`, fen)." })
  freight!: MoneyValue | null;

  @PersonalData("openid")
  @Field(() => String, { nullable: true, description: "The buyer's openid (`openid`)." })
  buyerOpenid!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The buyer's note (`ext_info.customer_notes`; empty → null).",
  })
  buyerNote!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The merchant's note (`ext_info.merchant_notes`; empty → null).",
  })
  merchantNote!: string | null;

  @Field(() => [MiniStoreProductInfo], { description: "Product lines (`order_detail.product_infos`)." })
  products!: MiniStoreProductInfo[];

  @Field(() => MiniStorePayInfo, { nullable: true, description: "Payment (`order_detail.pay_info`)." })
  payInfo!: MiniStorePayInfo | null;

  @Field(() => MiniStoreDeliveryInfo, {
    nullable: true,
    description: "Delivery (`order_detail.delivery_info`).",
  })
  deliveryInfo!: MiniStoreDeliveryInfo | null;

  @Field(() => MiniStoreAftersale, { nullable: true, description: "After-sale state (`aftersale_detail`)." })
  aftersale!: MiniStoreAftersale | null;

  @Field(() => MiniStorePriceInfo, {
    nullable: true,
    description: "Price breakdown (`order_detail.price_info`).",
  })
  priceInfo!: MiniStorePriceInfo | null;

  @Field(() => MiniStoreExtInfo, {
    nullable: true,
    description: "Buyer and merchant notes as sent (`ext_info`).",
  })
  extInfo!: MiniStoreExtInfo | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "Order type code (`order_type`) as WeChat sends it.",
  })
  orderType!: number | null;
}
