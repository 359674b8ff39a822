// zod mirror of the weixin12315 md.shop.order.list document. It tolerates the document's own quirks:
// `count` (example) vs `total` (table), ids as numbers or strings, string-typed ints ("usepoints": "0"),
// absent buyer-address fields and empty strings for unset values.
import { z } from "zod";

import {
  listedRows,
  optional,
  optionalBlank,
  optionalList,
  wireChinaTime,
  wireDecimal,
  wireId,
  wireInt,
  wireText,
  wireYuan,
} from "../wire-primitives.js";
import type { ListedOrder } from "../listed-order.js";
import { WEIXIN12315_STATUS_NAMES } from "./status.js";

const orderItem = z.object({
  recordID: wireId,
  orderID: optionalBlank(wireId),
  activityID: optionalBlank(wireId),
  productID: wireId,
  productName: optional(wireText),
  number: optional(wireText),
  amount: wireInt,
  originalPrice: optionalBlank(wireYuan),
  totalPrice: optionalBlank(wireYuan),
  discount: optionalBlank(wireDecimal),
  payPrice: optionalBlank(wireYuan),
  payPoint: optionalBlank(wireInt),
  publishedTime: optionalBlank(wireChinaTime),
  formatID: optionalBlank(wireId),
  picUrl: optional(wireText),
  ggRemark: optional(wireText),
  weight: optionalBlank(wireDecimal),
  yhRemark: optional(wireText),
  productType: optionalBlank(wireInt),
  lastTimestamp: optional(wireText),
  source: optionalBlank(wireInt),
  cxActivityID: optionalBlank(wireId),
  type: optionalBlank(wireInt),
  purchasePrice: optionalBlank(wireYuan),
});

/** One order as weixin12315 sends it ("orders 参数说明"). */
export const weixin12315WireOrder = z.object({
  orderid: wireId,
  ordernumber: wireText.pipe(z.string().min(1, "ordernumber is empty")),
  nickname: optional(wireText),
  ordertime: wireChinaTime,
  orderstatus: z.enum(WEIXIN12315_STATUS_NAMES, {
    error: (issue) => `undocumented order status ${JSON.stringify(issue.input)}`,
  }),
  payprice: optionalBlank(wireYuan),
  payway: optional(wireText),
  usepoints: optionalBlank(wireInt),
  fees: optionalBlank(wireYuan),
  /** Not in the field table, present in the example response. */
  ischeck: optional(wireText),
  remark: optional(wireText),
  businessremark: optional(wireText),
  openid: optional(wireText),
  postcode: optional(wireText),
  province: optional(wireText),
  city: optional(wireText),
  county: optional(wireText),
  address: optional(wireText),
  mobile: optional(wireText),
  consignee: optional(wireText),
  passtime: optionalBlank(wireChinaTime),
  items: optionalList(orderItem),
});

export type Weixin12315WireOrder = z.infer<typeof weixin12315WireOrder>;
export type Weixin12315WireOrderItem = z.infer<typeof orderItem>;

/** `md.shop.order.list`: the endpoint name in errors, and where its rows sit in the body. */
export const WEIXIN12315_LIST = { endpoint: "md.shop.order.list", rows: ["return_data", "orders"] } as const;

/**
 * A md.shop.order.list success body with the given rows. `return_data.total` is the record count
 * whichever of `total` (the table) or `count` (the example) the upstream sent.
 */
function listResponse<O>(orders: z.ZodType<O, unknown>) {
  const listData = z
    .object({ count: optionalBlank(wireInt), total: optionalBlank(wireInt), orders })
    .transform(({ count, total, orders }, ctx) => {
      const recordCount = total ?? count;
      if (recordCount === null) {
        ctx.addIssue({ code: "custom", message: "neither total nor count is present", path: ["total"] });
        return z.NEVER;
      }
      return { total: recordCount, orders };
    });
  return z.object({
    return_code: wireText.pipe(z.literal("0")),
    return_msg: optional(wireText),
    return_data: listData,
  });
}

/** md.shop.order.list success body, every order validated in full (lookups by order number). */
export const weixin12315OrderListResponse = listResponse(optionalList(weixin12315WireOrder));

/** A listed row checked for its sort fields only; the rest on demand, when a page returns it (`weixin12315OrderOfRow`). */
export type Weixin12315ListedOrder = ListedOrder<"WEIXIN12315", Weixin12315WireOrder>;

/** The same body as list pages read it: rows validated for the walk's sort fields only. */
export const weixin12315ListedOrdersResponse = listResponse(
  listedRows(
    "WEIXIN12315",
    { orderId: "orderid", createdAt: "ordertime" },
    {
      schema: weixin12315WireOrder,
      endpoint: WEIXIN12315_LIST.endpoint,
      listPath: WEIXIN12315_LIST.rows,
    },
  ),
);
