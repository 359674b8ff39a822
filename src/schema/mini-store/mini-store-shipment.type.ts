import { Field, ObjectType } from "type-graphql";

import { DateTimeScalar } from "../scalars/date-time.scalar.js";
import { MiniStoreAddress } from "./mini-store-address.type.js";
import { MiniStoreShipmentProduct } from "./mini-store-shipment-product.type.js";

@ObjectType({
  description: "One parcel of a WeChat order (`delivery_info.delivery_product_info[]`).",
  simpleResolvers: true,
})
export class MiniStoreShipment {
  @Field(() => String, { nullable: true, description: "Waybill (tracking) number (`waybill_id`)." })
  waybillId!: string | null;

  @Field(() => String, { nullable: true, description: "Express company id (`delivery_id`), e.g. STO." })
  deliveryId!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the parcel was shipped (`delivery_time`, unix seconds; 0 → null).",
  })
  deliveryTime!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Delivery type (`deliver_type`), e.g. DELIVERY_TYPE_OPTIONAL_EXPRESS.",
  })
  deliverType!: string | null;

  @Field(() => MiniStoreAddress, {
    nullable: true,
    description: "Where this parcel goes (`delivery_address`).",
  })
  deliveryAddress!: MiniStoreAddress | null;

  @Field(() => [MiniStoreShipmentProduct], { description: "Products in this parcel (`product_infos`)." })
  productInfos!: MiniStoreShipmentProduct[];
}
