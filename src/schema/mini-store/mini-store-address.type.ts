import { Field, ObjectType } from "type-graphql";

import { PersonalData } from "../personal-data.js";

@ObjectType({
  description:
    "A WeChat delivery address (`address_info`, `delivery_address`). Name, street, phone and postal code are buyer personal data.",
  simpleResolvers: true,
})
export class MiniStoreAddress {
  @PersonalData("name")
  @Field(() => String, { nullable: true, description: "Recipient's name (`user_name`)." })
  userName!: string | null;

  @PersonalData("postalCode")
  @Field(() => String, { nullable: true, description: "Postal code (`postal_code`)." })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: "Province (`province_name`)." })
  provinceName!: string | null;

  @Field(() => String, { nullable: true, description: "City (`city_name`)." })
  cityName!: string | null;

  @Field(() => String, { nullable: true, description: "District or county (`county_name`)." })
  countyName!: string | null;

  @PersonalData("address")
  @Field(() => String, { nullable: true, description: "Street address (`detail_info`)." })
  detailInfo!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "National region code of the address (`national_code`).",
  })
  nationalCode!: string | null;

  @PersonalData("phone")
  @Field(() => String, { nullable: true, description: "Recipient's phone number (`tel_number`)." })
  telNumber!: string | null;
}
