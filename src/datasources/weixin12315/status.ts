// The one weixin12315 status table, as plain data: upstream name ↔ status key (the schema's
// `Weixin12315OrderStatus` values) ↔ normalized status (`OrderStatus` values) ↔ request code.
import type { OrderStatusName } from "../../shared/order-status.js";

/** The status names of the document, in its order (待付款 … 退款订单). */
export const WEIXIN12315_STATUS_NAMES = [
  "待付款",
  "待发货",
  "待收货",
  "完成交易",
  "取消交易",
  "退款订单",
] as const;
export type Weixin12315StatusName = (typeof WEIXIN12315_STATUS_NAMES)[number];

/** The weixin12315 statuses by key: the `Weixin12315OrderStatus` enum values of the contract. */
export type Weixin12315StatusKey =
  "PENDING_PAYMENT" | "PENDING_SHIPMENT" | "SHIPPED" | "COMPLETED" | "CANCELLED" | "REFUND";

interface StatusRow {
  name: Weixin12315StatusName;
  normalized: OrderStatusName;
  /** The `orderstatus` request code. The document names the statuses but not their codes: 1..6 in its order. */
  defaultCode: number;
}

export const WEIXIN12315_STATUS_TABLE: Readonly<Record<Weixin12315StatusKey, StatusRow>> = {
  PENDING_PAYMENT: {
    name: "待付款",
    normalized: "PENDING_PAYMENT",
    defaultCode: 1,
  },
  PENDING_SHIPMENT: {
    name: "待发货",
    normalized: "PENDING_SHIPMENT",
    defaultCode: 2,
  },
  SHIPPED: { name: "待收货", normalized: "SHIPPED", defaultCode: 3 },
  COMPLETED: { name: "完成交易", normalized: "COMPLETED", defaultCode: 4 },
  CANCELLED: { name: "取消交易", normalized: "CANCELLED", defaultCode: 5 },
  REFUND: { name: "退款订单", normalized: "REFUND", defaultCode: 6 },
};

const STATUSES = Object.keys(WEIXIN12315_STATUS_TABLE) as Weixin12315StatusKey[];

export function weixin12315StatusFromName(name: Weixin12315StatusName): Weixin12315StatusKey {
  const status = STATUSES.find((s) => WEIXIN12315_STATUS_TABLE[s].name === name);
  if (status === undefined) throw new RangeError(`unknown weixin12315 status name: ${name}`);
  return status;
}

export function normalizeWeixin12315Status(status: Weixin12315StatusKey): OrderStatusName {
  return WEIXIN12315_STATUS_TABLE[status].normalized;
}

/** The weixin12315 statuses to request for a normalized status (empty when it has no such status). */
export function weixin12315StatusesFor(status: OrderStatusName): Weixin12315StatusKey[] {
  return STATUSES.filter((s) => WEIXIN12315_STATUS_TABLE[s].normalized === status);
}

export type Weixin12315StatusCodes = Readonly<Record<Weixin12315StatusKey, number>>;

/**
 * The `orderstatus` request codes: the documented-order defaults (1..6) with config overrides applied.
 * Two statuses sharing one code would make a filter ambiguous, so that throws.
 */
export function weixin12315StatusCodes(
  overrides: Partial<Record<Weixin12315StatusKey, number>> = {},
): Weixin12315StatusCodes {
  const codes = Object.fromEntries(
    STATUSES.map((s) => [s, overrides[s] ?? WEIXIN12315_STATUS_TABLE[s].defaultCode]),
  ) as Record<Weixin12315StatusKey, number>;
  const values = Object.values(codes);
  if (new Set(values).size !== values.length) {
    throw new RangeError(`weixin12315 status codes must be distinct, got ${JSON.stringify(codes)}`);
  }
  return codes;
}
