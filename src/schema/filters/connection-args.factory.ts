import { ArgsType, Field, Int, type ClassType } from "type-graphql";

/** Relay connection arguments with the field's `filter` first (as the contract lists them). */
export function FilteredConnectionArgs<TFilter extends object>(
  filterType: ClassType<TFilter>,
  filterDescription: string,
) {
  @ArgsType()
  abstract class ConnectionArgsClass {
    @Field(() => filterType, { nullable: true, description: filterDescription })
    filter?: TFilter | null;

    @Field(() => Int, { nullable: true, description: "Walk forward: this many orders (0..100, default 20)." })
    first?: number | null;

    @Field(() => String, {
      nullable: true,
      description: "Start after this cursor (an edge's `cursor` or `pageInfo.endCursor`).",
    })
    after?: string | null;

    @Field(() => Int, {
      nullable: true,
      description: "Walk backward: this many orders (0..100); not with `first`.",
    })
    last?: number | null;

    @Field(() => String, {
      nullable: true,
      description: "End before this cursor (an edge's `cursor` or `pageInfo.startCursor`).",
    })
    before?: string | null;
  }
  return ConnectionArgsClass;
}
