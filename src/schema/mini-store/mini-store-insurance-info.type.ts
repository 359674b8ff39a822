import { Field, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { Money } from "../common/money.type.js";

@ObjectType({
  description: "Shipping insurance of a WeChat order (`delivery_info.insurance_info`).",
  simpleResolvers: true,
})
export class MiniStoreInsuranceInfo {
  @Field(() => String, {
    nullable: true,
    description: "Insurance source type (`type`), e.g. InsuranceSourceType_None.",
  })
  type!: string | null;

  @Field(() => Money, { nullable: true, description: "Insurance price (`insurance_price`, fen)." })
  insurancePrice!: MoneyValue | null;
}
