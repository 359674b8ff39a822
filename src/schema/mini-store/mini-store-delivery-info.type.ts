import { Field, ObjectType } from "type-graphql";

import { DeliveryInfoCommon } from "../common/delivery-info-common.interface.js";
import { PersonalData } from "../personal-data.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";
import { MiniStoreAddress } from "./mini-store-address.type.js";
import { MiniStoreExpressFee } from "./mini-store-express-fee.type.js";
import { MiniStoreInsuranceInfo } from "./mini-store-insurance-info.type.js";
import { MiniStoreShipment } from "./mini-store-shipment.type.js";

@ObjectType({
  description:
    "Delivery of a WeChat order (`order_detail.delivery_info`). The common address fields come from `address_info`.",
  implements: DeliveryInfoCommon,
  simpleResolvers: true,
})
export class MiniStoreDeliveryInfo implements DeliveryInfoCommon {
  /** Carried for `resolveType`; not a schema field. */
  source!: "MINI_STORE";

  @PersonalData("name")
  @Field(() => String, { nullable: true, description: "Recipient's name (`address_info.user_name`)." })
  recipientName!: string | null;

  @PersonalData("phone")
  @Field(() => String, { nullable: true, description: "Recipient's phone (`address_info.tel_number`)." })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: "Province (`address_info.province_name`)." })
  province!: string | null;

  @Field(() => String, { nullable: true, description: "City (`address_info.city_name`)." })
  city!: string | null;

  @Field(() => String, { nullable: true, description: "District or county (`address_info.county_name`)." })
  district!: string | null;

  @PersonalData("address")
  @Field(() => String, { nullable: true, description: "Street address (`address_info.detail_info`)." })
  addressLine!: string | null;

  @PersonalData("postalCode")
  @Field(() => String, { nullable: true, description: "Postal code (`address_info.postal_code`)." })
  postalCode!: string | null;

  @Field(() => MiniStoreAddress, {
    nullable: true,
    description: "The buyer's address as sent (`address_info`).",
  })
  addressInfo!: MiniStoreAddress | null;

  @Field(() => String, { nullable: true, description: "Delivery method (`delivery_method`), e.g. 快递." })
  deliveryMethod!: string | null;

  @Field(() => [MiniStoreExpressFee], { description: "Shipping-fee entries (`express_fee`)." })
  expressFee!: MiniStoreExpressFee[];

  @Field(() => [MiniStoreShipment], {
    description: "Parcels shipped so far, each with its waybill and products (`delivery_product_info`).",
  })
  shipments!: MiniStoreShipment[];

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When shipping finished (`ship_done_time`, unix seconds; 0 → null).",
  })
  shipDoneTime!: Date | null;

  @Field(() => MiniStoreInsuranceInfo, {
    nullable: true,
    description: "Shipping insurance (`insurance_info`).",
  })
  insuranceInfo!: MiniStoreInsuranceInfo | null;

  @Field(() => String, {
    nullable: true,
    description: "Delivery type of the order (`deliver_type`), e.g. DELIVERY_TYPE_OPTIONAL_EXPRESS.",
  })
  deliverType!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Same-city delivery time (`offline_delivery_time`, unix seconds; 0 → null).",
  })
  offlineDeliveryTime!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Offline pick-up time (`offline_pickup_time`, unix seconds; 0 → null).",
  })
  offlinePickupTime!: Date | null;
}
