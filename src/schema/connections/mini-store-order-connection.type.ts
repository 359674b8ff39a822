import { ObjectType } from "type-graphql";

import { MiniStoreOrder } from "../mini-store/mini-store-order.type.js";
import { ConnectionType, EdgeType } from "./connection.factory.js";

@ObjectType({ description: "A WeChat Mini Store order with its cursor.", simpleResolvers: true })
export class MiniStoreOrderEdge extends EdgeType<MiniStoreOrder>(MiniStoreOrder, "WeChat Mini Store order") {}

@ObjectType({ description: "WeChat Mini Store orders newest-created first (Relay connection)." })
export class MiniStoreOrderConnection extends ConnectionType<MiniStoreOrder, MiniStoreOrderEdge>(
  MiniStoreOrder,
  MiniStoreOrderEdge,
  "WeChat Mini Store orders",
) {}
