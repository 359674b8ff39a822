export { MiniStoreChannel } from "./mini-store-channel.enum.js";
export { MiniStoreOrderStatus } from "./mini-store-order-status.enum.js";
export { OrderSource } from "./order-source.enum.js";
export { OrderStatus } from "./order-status.enum.js";
export { Weixin12315GroupBuyStatus } from "./weixin12315-group-buy-status.enum.js";
export { Weixin12315OrderScope } from "./weixin12315-order-scope.enum.js";
export { Weixin12315OrderStatus } from "./weixin12315-order-status.enum.js";
