import { Field, InputType } from "type-graphql";

import { MiniStoreChannel } from "../enums/mini-store-channel.enum.js";
import { MiniStoreOrderStatus } from "../enums/mini-store-order-status.enum.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";

@InputType({
  description: "WeChat's own `product/order/get_list` filters. Fields combine with AND; statuses with OR.",
})
export class MiniStoreOrderFilter {
  @Field(() => [MiniStoreOrderStatus], {
    nullable: true,
    description:
      "Only these statuses (WeChat takes one `status` per call: one upstream stream each). Absent or empty: all 12.",
  })
  statuses?: MiniStoreOrderStatus[] | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "`start_create_time`: created at or after (inclusive, to the second). Missing: 30 days before the end.",
  })
  createdAfter?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "`end_create_time`: created at or before (inclusive). Missing: the moment the first page is read.",
  })
  createdBefore?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "`start_update_time`: last updated at or after (inclusive). With an update window and no created bounds, " +
      "the created window is not limited to 30 days.",
  })
  updatedAfter?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "`end_update_time`: last updated at or before (inclusive).",
  })
  updatedBefore?: Date | null;

  @Field(() => MiniStoreChannel, {
    nullable: true,
    description: "`source`: the order channel. Absent: MINI_STORE (WeChat's default).",
  })
  channel?: MiniStoreChannel | null;
}
