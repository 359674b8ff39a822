/** The two upstream shops. The names are the `OrderSource` enum values of the public contract. */
export const ORDER_SOURCES = ["MINI_STORE", "WEIXIN12315"] as const;
export type OrderSourceName = (typeof ORDER_SOURCES)[number];
