import { Field, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { Money } from "../common/money.type.js";
import { ProductInfoCommon } from "../common/product-info-common.interface.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";
import { SafeIntScalar } from "../scalars/safe-int.scalar.js";

@ObjectType({
  description: "A line of a weixin12315 order (`items[]`, 订单明细).",
  implements: ProductInfoCommon,
  simpleResolvers: true,
})
export class Weixin12315OrderItem implements ProductInfoCommon {
  /** Carried for `resolveType`; not a schema field (the upstream `source` is `giftSource`). */
  source!: "WEIXIN12315";

  @Field({ description: "Product id (`productID`, 商品ID)." })
  productId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Always null: weixin12315 has no SKU id (see `formatId`).",
  })
  skuId!: string | null;

  @Field(() => String, { nullable: true, description: "Product name (`productName`, 商品名称)." })
  title!: string | null;

  @Field(() => SafeIntScalar, { description: "Quantity (`amount`, 数量)." })
  quantity!: number;

  @Field(() => Money, { nullable: true, description: "Original unit price (`originalPrice`, 原价, yuan)." })
  unitPrice!: MoneyValue | null;

  @Field(() => Money, { nullable: true, description: "Line total (`totalPrice`, 总价, yuan)." })
  totalPrice!: MoneyValue | null;

  @Field(() => String, { nullable: true, description: "Product image URL (`picUrl`, 商品图片URL)." })
  imageUrl!: string | null;

  @Field({ description: "Order line id (`recordID`, 订单明细id)." })
  recordId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Id of the order this line belongs to (`orderID`, 订单ID).",
  })
  orderId!: string | null;

  @Field(() => String, { nullable: true, description: "Promotion id (`activityID`, 促销ID); 0 means none." })
  activityId!: string | null;

  @Field(() => String, { nullable: true, description: "Product code (`number`, 商品编号), e.g. QAQ002." })
  number!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Discount rate as exact decimal text (`discount`, 折扣), e.g. "1.00" for no discount.',
  })
  discount!: string | null;

  @Field(() => Money, {
    nullable: true,
    description: "Amount to pay for the line (`payPrice`, 需支付的总价格, yuan).",
  })
  payPrice!: MoneyValue | null;

  @Field(() => SafeIntScalar, { nullable: true, description: "Points to pay (`payPoint`, 需支付积分)." })
  payPoint!: number | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Record time (`publishedTime`, 记录时间, China time).",
  })
  publishedTime!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Product specification id (`formatID`, 商品规格ID); 0 means none.",
  })
  formatId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Specification note (`ggRemark`, 规格备注), exactly as sent.",
  })
  ggRemark!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Weight as exact decimal text (`weight`, 重量), e.g. "0.00".',
  })
  weight!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Discount note (`yhRemark`, 优惠备注), exactly as sent.",
  })
  yhRemark!: string | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "Product type (`productType`, 商品类型): 0 regular (正品), 1 bought with points (积分换购).",
  })
  productType!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Row version stamp (`lastTimestamp`, 时间戳), opaque base64.",
  })
  lastTimestamp!: string | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "Gift source (`source`, 礼品来源): 0 own gift (自有礼品), 1 marketplace gift (集市礼品).",
  })
  giftSource!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Promotion id (`cxActivityID`, 促销ID); 0 means none.",
  })
  cxActivityId!: string | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description:
      "Gift type (`type`, 礼品类型): 0 physical, 1 virtual ticket, 2 shopping voucher, 3 WeChat red packet, 4 alliance card coupon, 5 direct top-up.",
  })
  giftType!: number | null;

  @Field(() => Money, {
    nullable: true,
    description: "Selection price of a marketplace gift (`purchasePrice`, 集市礼品的选品价, yuan).",
  })
  purchasePrice!: MoneyValue | null;
}
