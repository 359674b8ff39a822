export { MiniStoreOrdersArgs, OrdersArgs, Weixin12315OrdersArgs } from "./connection.args.js";
export { MiniStoreOrderFilter } from "./mini-store-order-filter.input.js";
export { OrderFilter } from "./order-filter.input.js";
export { Weixin12315OrderFilter } from "./weixin12315-order-filter.input.js";
