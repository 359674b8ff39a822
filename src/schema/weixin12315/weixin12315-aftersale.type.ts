import { Field, ObjectType } from "type-graphql";

import { AftersaleCommon } from "../common/aftersale-common.interface.js";
import { SafeIntScalar } from "../scalars/safe-int.scalar.js";

@ObjectType({
  description:
    "After-sale state of a weixin12315 order. weixin12315 has no after-sale structure: this is derived from " +
    "the order status alone. It exists (one refund case, in progress) exactly when `orderstatus` is 退款订单 " +
    "(refund order); for every other status the order's `aftersale` is null.",
  implements: AftersaleCommon,
  simpleResolvers: true,
})
export class Weixin12315Aftersale implements AftersaleCommon {
  /** Carried for `resolveType`; not a schema field. */
  source!: "WEIXIN12315";

  @Field(() => SafeIntScalar, { description: "Always 1: the refund order itself is the case in progress." })
  inProgressCount!: number;

  @Field(() => SafeIntScalar, { description: "Always 1: the refund order itself." })
  caseCount!: number;

  @Field({ description: 'The upstream status the case is derived from (`orderstatus`): always "退款订单".' })
  sourceStatus!: string;
}
