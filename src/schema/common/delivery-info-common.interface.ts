import { Field, InterfaceType } from "type-graphql";

import { PersonalData } from "../personal-data.js";
import { resolveBySource } from "./resolve-by-source.js";

@InterfaceType({
  description:
    "Where an order is delivered. Recipient, phone, street and postal code are buyer personal data.",
  resolveType: resolveBySource("deliveryInfo"),
})
export abstract class DeliveryInfoCommon {
  @PersonalData("name", { onInterface: true })
  @Field(() => String, { nullable: true, description: "Recipient's name." })
  recipientName!: string | null;

  @PersonalData("phone", { onInterface: true })
  @Field(() => String, { nullable: true, description: "Recipient's phone number." })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: "Province (省)." })
  province!: string | null;

  @Field(() => String, { nullable: true, description: "City (市)." })
  city!: string | null;

  @Field(() => String, { nullable: true, description: "District or county (区/县)." })
  district!: string | null;

  @PersonalData("address", { onInterface: true })
  @Field(() => String, { nullable: true, description: "Street address below the district." })
  addressLine!: string | null;

  @PersonalData("postalCode", { onInterface: true })
  @Field(() => String, { nullable: true, description: "Postal code." })
  postalCode!: string | null;
}
