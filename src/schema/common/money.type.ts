import { Directive, Field, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { SafeIntScalar } from "../scalars/safe-int.scalar.js";

@ObjectType({
  description: "An exact amount of money. Never a float: WeChat sends integer fen, weixin12315 decimal yuan.",
  simpleResolvers: true,
})
@Directive("@shareable")
export class Money implements MoneyValue {
  @Field({ description: 'Exact decimal amount in yuan with two places, e.g. "105.00".' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code; always "CNY".' })
  currency!: MoneyValue["currency"];

  @Field(() => SafeIntScalar, { description: "The same amount in minor units (fen): 10500 for 105.00 yuan." })
  minorUnits!: number;
}
