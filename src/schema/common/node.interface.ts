import { Field, ID, InterfaceType } from "type-graphql";

import { resolveBySource } from "./resolve-by-source.js";

@InterfaceType({
  description: "An object with a stable, opaque id that `node(id:)` refetches.",
  resolveType: resolveBySource("order"),
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque, stable global id. Pass it to `node(id:)` or `order(id:)`." })
  id!: string;
}
