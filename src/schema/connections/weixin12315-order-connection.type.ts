import { ObjectType } from "type-graphql";

import { Weixin12315Order } from "../weixin12315/weixin12315-order.type.js";
import { ConnectionType, EdgeType } from "./connection.factory.js";

@ObjectType({ description: "A weixin12315 mall order with its cursor.", simpleResolvers: true })
export class Weixin12315OrderEdge extends EdgeType<Weixin12315Order>(Weixin12315Order, "weixin12315 order") {}

@ObjectType({ description: "weixin12315 mall orders newest first (Relay connection)." })
export class Weixin12315OrderConnection extends ConnectionType<Weixin12315Order, Weixin12315OrderEdge>(
  Weixin12315Order,
  Weixin12315OrderEdge,
  "weixin12315 orders",
) {}
