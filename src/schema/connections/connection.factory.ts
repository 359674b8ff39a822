// Generic Relay connection types in the style of type-graphql's `PaginatedResponse` example: each
// factory returns an abstract class that a concrete, named @ObjectType extends.
import { Field, Int, ObjectType, type ClassType } from "type-graphql";

import type { ConnectionPage } from "../../pagination/connection.js";
import { PageInfo } from "./page-info.type.js";

/** `nodeType` is a TypeGraphQL object class or union; `noun` names it in descriptions. */
export function EdgeType<TNode>(nodeType: object, noun: string) {
  @ObjectType({ simpleResolvers: true })
  abstract class EdgeClass {
    @Field({
      description: "Opaque cursor of this edge: pass it as `after` or `before` to continue from here.",
    })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${noun}.` })
    node!: TNode;
  }
  return EdgeClass;
}

export function ConnectionType<TNode, TEdge extends object>(
  nodeType: object,
  edgeType: ClassType<TEdge>,
  noun: string,
) {
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [edgeType], { description: `The ${noun} of this page, each with its cursor.` })
    edges!: TEdge[];

    @Field(() => [nodeType], { description: `The ${noun} of this page (the edges' nodes).` })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: "Where this page stands in the walk." })
    pageInfo!: PageInfo;

    /** Reads the stream totals only when `totalCount` is selected. */
    countTotal!: () => Promise<number>;

    @Field(() => Int, {
      description: `How many ${noun} the whole window holds: the sum of the upstream totals of its streams.`,
    })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return ConnectionClass;
}

/** The field value of a connection type from a page of `paginate`. */
export function connectionOf<TNode, TConnection extends { countTotal: () => Promise<number> }>(
  type: new () => TConnection,
  page: ConnectionPage<TNode>,
): TConnection {
  return Object.assign(new type(), {
    edges: page.edges,
    nodes: page.edges.map((edge) => edge.node),
    pageInfo: page.pageInfo,
    countTotal: page.totalCount,
  });
}
