import { ObjectType } from "type-graphql";

import { Order, type AnyOrder } from "../unions/order.union.js";
import { ConnectionType, EdgeType } from "./connection.factory.js";

@ObjectType({ description: "An order of either source with its cursor.", simpleResolvers: true })
export class OrderEdge extends EdgeType<AnyOrder>(Order, "order") {}

@ObjectType({ description: "Orders of both sources merged newest-created first (Relay connection)." })
export class OrderConnection extends ConnectionType<AnyOrder, OrderEdge>(Order, OrderEdge, "orders") {}
