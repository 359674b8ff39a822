import { Field, ObjectType } from "type-graphql";

import { DeliveryInfoCommon } from "../common/delivery-info-common.interface.js";
import { PersonalData } from "../personal-data.js";

@ObjectType({
  description:
    "Delivery address of a weixin12315 order, from the order's `consignee`, `mobile`, `province`, `city`, `county`, `address` and `postcode`. The order's `deliveryInfo` is null when all of them are absent.",
  implements: DeliveryInfoCommon,
  simpleResolvers: true,
})
export class Weixin12315DeliveryInfo implements DeliveryInfoCommon {
  /** Carried for `resolveType`; not a schema field. */
  source!: "WEIXIN12315";

  @PersonalData("name")
  @Field(() => String, { nullable: true, description: "Recipient's name (`consignee`, 收货人姓名)." })
  recipientName!: string | null;

  @PersonalData("phone")
  @Field(() => String, {
    nullable: true,
    description: "Recipient's mobile number (`mobile`, 收货人手机号码).",
  })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: "Province (`province`, 省份名称)." })
  province!: string | null;

  @Field(() => String, { nullable: true, description: "City (`city`, 城市名称)." })
  city!: string | null;

  @Field(() => String, { nullable: true, description: "District or county (`county`, 区(县)名称)." })
  district!: string | null;

  @PersonalData("address")
  @Field(() => String, { nullable: true, description: "Street address (`address`, 详细地址)." })
  addressLine!: string | null;

  @PersonalData("postalCode")
  @Field(() => String, { nullable: true, description: "Postal code (`postcode`, 邮政编码)." })
  postalCode!: string | null;
}
