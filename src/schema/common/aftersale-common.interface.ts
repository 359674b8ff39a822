import { Field, InterfaceType } from "type-graphql";

import { SafeIntScalar } from "../scalars/safe-int.scalar.js";
import { resolveBySource } from "./resolve-by-source.js";

@InterfaceType({
  description: "After-sale (售后: returns and refunds) state of an order.",
  resolveType: resolveBySource("aftersale"),
})
export abstract class AftersaleCommon {
  @Field(() => SafeIntScalar, { description: "Number of after-sale cases still in progress." })
  inProgressCount!: number;

  @Field(() => SafeIntScalar, { description: "Number of after-sale cases the source reports for the order." })
  caseCount!: number;
}
