import { Directive, Field, ObjectType } from "type-graphql";

import type { PageInfoValue } from "../../pagination/connection.js";

@ObjectType({
  description:
    "Relay page information. Exactly the four fields of the Relay spec, so it composes with other subgraphs.",
  simpleResolvers: true,
})
@Directive("@shareable")
export class PageInfo implements PageInfoValue {
  @Field({
    description:
      "Whether more edges follow the last one (walking forward; with `before`, whether it has any).",
  })
  hasNextPage!: boolean;

  @Field({
    description: "Whether edges precede the first one (walking backward; with `after`, whether it has any).",
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the first edge; null when the page is empty.",
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last edge; null when the page is empty.",
  })
  endCursor!: string | null;
}
