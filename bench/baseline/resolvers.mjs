// The baseline's resolvers: what a graphql-js user writes by hand on top of the subgraph's data layer.
import { weixin12315StatusCodes } from "../../dist/datasources/weixin12315/status.js";
import { paginate } from "../../dist/pagination/connection.js";
import { miniStoreOrdersPlan } from "../../dist/orders/plans/mini-store-orders.plan.js";
import { ordersPlan } from "../../dist/orders/plans/orders.plan.js";
import { paginationContext } from "../../dist/orders/settings.js";
import { loadOrder } from "../../dist/orders/load-order.js";
import { MiniStoreOrderStatus } from "../../dist/schema/enums/mini-store-order-status.enum.js";
import { decodeOrderNodeId } from "../../dist/schema/node-id.js";
import { DateTimeScalar } from "../../dist/schema/scalars/date-time.scalar.js";

/** Abstract type → its [MINI_STORE, WEIXIN12315] member, chosen by the `source` every mapped object carries. */
const BY_SOURCE = {
  Order: ["MiniStoreOrder", "Weixin12315Order"],
  OrderCommon: ["MiniStoreOrder", "Weixin12315Order"],
  Node: ["MiniStoreOrder", "Weixin12315Order"],
  _Entity: ["MiniStoreOrder", "Weixin12315Order"],
  ProductInfo: ["MiniStoreProductInfo", "Weixin12315OrderItem"],
  ProductInfoCommon: ["MiniStoreProductInfo", "Weixin12315OrderItem"],
  PayInfo: ["MiniStorePayInfo", "Weixin12315PayInfo"],
  PayInfoCommon: ["MiniStorePayInfo", "Weixin12315PayInfo"],
  DeliveryInfo: ["MiniStoreDeliveryInfo", "Weixin12315DeliveryInfo"],
  DeliveryInfoCommon: ["MiniStoreDeliveryInfo", "Weixin12315DeliveryInfo"],
  Aftersale: ["MiniStoreAftersale", "Weixin12315Aftersale"],
  AftersaleCommon: ["MiniStoreAftersale", "Weixin12315Aftersale"],
};

/** Scalars and abstract types of the SDL get their behaviour (buildSchema leaves them generic). */
export function wireSchema(schema) {
  Object.assign(schema.getType("DateTime"), {
    serialize: DateTimeScalar.serialize,
    parseValue: DateTimeScalar.parseValue,
    parseLiteral: DateTimeScalar.parseLiteral,
  });
  for (const [name, [miniStore, weixin12315]] of Object.entries(BY_SOURCE)) {
    schema.getType(name).resolveType = (value) => (value.source === "MINI_STORE" ? miniStore : weixin12315);
  }
  // The mapping keeps WeChat's numeric status code; SDL enums serialize names.
  schema.getType("MiniStoreOrder").getFields().miniStoreStatus.resolve = (order) =>
    MiniStoreOrderStatus[order.miniStoreStatus];
  return schema;
}

/** A connection page as graphql-js's default resolvers read it (`totalCount` only runs when asked for). */
function connection(page) {
  return { ...page, nodes: page.edges.map((edge) => edge.node), totalCount: () => page.totalCount() };
}

function entityKey(representation) {
  const { __typename: typename } = representation;
  const source = typename === "MiniStoreOrder" ? "MINI_STORE" : "WEIXIN12315";
  const direct = typename === "MiniStoreOrder" ? representation.orderId : representation.orderNumber;
  if (typeof direct === "string") return { source, key: direct };
  const decoded = decodeOrderNodeId(String(representation.id));
  return decoded?.source === source ? decoded : null;
}

export function createRootValue({ cursorSecret }) {
  const settings = { cursorSecret, defaultWindowDays: 30, weixin12315StatusCodes: weixin12315StatusCodes() };
  const pagination = paginationContext(settings);
  return {
    order: ({ id }, ctx) => {
      const key = decodeOrderNodeId(id);
      return key ? loadOrder(ctx, key) : null;
    },
    orders: async (args, ctx) =>
      connection(await paginate(ordersPlan(args.filter, ctx, settings), args, pagination)),
    miniStoreOrders: async (args, ctx) =>
      connection(await paginate(miniStoreOrdersPlan(args.filter, ctx, settings), args, pagination)),
    _entities: ({ representations }, ctx) =>
      representations.map((representation) => {
        const key = entityKey(representation);
        return key ? loadOrder(ctx, key) : null;
      }),
  };
}
