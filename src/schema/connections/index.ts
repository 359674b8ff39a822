export { MiniStoreOrderConnection, MiniStoreOrderEdge } from "./mini-store-order-connection.type.js";
export { OrderConnection, OrderEdge } from "./order-connection.type.js";
export { PageInfo } from "./page-info.type.js";
export { Weixin12315OrderConnection, Weixin12315OrderEdge } from "./weixin12315-order-connection.type.js";
