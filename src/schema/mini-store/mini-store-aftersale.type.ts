import { Field, ObjectType } from "type-graphql";

import { AftersaleCommon } from "../common/aftersale-common.interface.js";
import { SafeIntScalar } from "../scalars/safe-int.scalar.js";
import { MiniStoreAftersaleOrder } from "./mini-store-aftersale-order.type.js";

@ObjectType({
  description: "After-sale state of a WeChat order (`aftersale_detail`).",
  implements: AftersaleCommon,
  simpleResolvers: true,
})
export class MiniStoreAftersale implements AftersaleCommon {
  /** Carried for `resolveType`; not a schema field. */
  source!: "MINI_STORE";

  @Field(() => SafeIntScalar, {
    description: "After-sale cases in progress (`on_aftersale_order_cnt`; 0 when absent).",
  })
  inProgressCount!: number;

  @Field(() => SafeIntScalar, {
    description: "Number of listed after-sale cases (length of `aftersale_order_list`).",
  })
  caseCount!: number;

  @Field(() => [MiniStoreAftersaleOrder], { description: "The after-sale cases (`aftersale_order_list`)." })
  aftersaleOrders!: MiniStoreAftersaleOrder[];
}
