// The source registry: everything the layers know about an upstream shop by name, in one place.
// Node ids, `resolveType`, the sort order, entity keys and filters all read it; a third source is a
// new folder under datasources/ (client, wire schemas, status table) plus one entry here.

/** The upstream shops. The names are the `OrderSource` enum values of the public contract. */
export const ORDER_SOURCES = ["MINI_STORE", "WEIXIN12315"] as const;
export type OrderSourceName = (typeof ORDER_SOURCES)[number];

/** The GraphQL object types a source's values map to, per abstract type of the schema. */
export interface SourceTypeNames {
  order: string;
  productInfo: string;
  payInfo: string;
  deliveryInfo: string;
  aftersale: string;
}

export interface OrderSourceEntry {
  /** The GraphQL object types of this source (`resolveType` picks them by the value's `source`). */
  typeNames: SourceTypeNames;
  /** Tie-break among equal created times in the sort order (lower first). */
  rank: number;
  /** The largest page its list API serves. */
  maxPageSize: number;
  /** The order entity's field that holds the upstream key (the @key besides `id`). */
  entityKeyField: "orderId" | "orderNumber";
  /** Whether text can be an entity key of this source at all (checked before any upstream call). */
  isEntityKey(text: string): boolean;
}

const UINT64_MAX = 2n ** 64n - 1n;

/** Text that WeChat would read as a uint64 `order_id` (digits, leading zeros allowed, at most 2^64 − 1). */
export const isUint64Text = (text: string): boolean => /^\d{1,20}$/.test(text) && BigInt(text) <= UINT64_MAX;

export const ORDER_SOURCE: Readonly<Record<OrderSourceName, OrderSourceEntry>> = {
  MINI_STORE: {
    typeNames: {
      order: "MiniStoreOrder",
      productInfo: "MiniStoreProductInfo",
      payInfo: "MiniStorePayInfo",
      deliveryInfo: "MiniStoreDeliveryInfo",
      aftersale: "MiniStoreAftersale",
    },
    rank: 0,
    maxPageSize: 10_000,
    entityKeyField: "orderId",
    // WeChat `order_id`: an unsigned 64-bit integer from 1, in its one canonical spelling. WeChat reads
    // "078596878913" as order 78596878913 and refuses "0" as a bad parameter; neither names an order.
    isEntityKey: (text) => /^[1-9]\d{0,19}$/.test(text) && isUint64Text(text),
  },
  WEIXIN12315: {
    typeNames: {
      order: "Weixin12315Order",
      productInfo: "Weixin12315OrderItem",
      payInfo: "Weixin12315PayInfo",
      deliveryInfo: "Weixin12315DeliveryInfo",
      aftersale: "Weixin12315Aftersale",
    },
    rank: 1,
    maxPageSize: 1000,
    entityKeyField: "orderNumber",
    // weixin12315 `ordernumber`: any non-blank text (a blank keyword would mean "no filter").
    isEntityKey: (text) => text.trim() !== "",
  },
};

/** The source whose order type has this GraphQL name, if any. */
export function sourceOfOrderType(typeName: string): OrderSourceName | undefined {
  return ORDER_SOURCES.find((source) => ORDER_SOURCE[source].typeNames.order === typeName);
}
