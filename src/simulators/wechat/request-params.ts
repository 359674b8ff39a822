import { parseChinaLocalTime } from "../../shared/china-time.js";
import { writeSimulatorJson } from "../shared/json.js";
import { paramError, type WechatError } from "./errors.js";
import type { OrderFilter } from "./order-store.js";
import { WECHAT_ORDER_STATUSES } from "./types.js";

// Request validation of the order endpoints. Each violation is a 9401020 naming the parameter;
// the first violation found (in the order of the checks below) is reported.

type Params = Record<string, unknown>;
export type Checked<T> = { ok: true; value: T } | { ok: false; error: WechatError };

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const EARLIEST = "1970-01-01 08:00:00";
const MAX_PAGE_SIZE = 10_000;

const fail = (message: string): { ok: false; error: WechatError } => ({
  ok: false,
  error: paramError(message),
});
const shown = (value: unknown) => writeSimulatorJson(value);
const given = (params: Params, key: string) => params[key] !== undefined && params[key] !== null;
const isInt = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);

function asParams(body: unknown): Params | undefined {
  if (body === undefined) return {};
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Params) : undefined;
}

function isLocalTime(value: unknown): value is string {
  if (typeof value !== "string" || !LOCAL_TIME.test(value) || value < EARLIEST) return false;
  try {
    return parseChinaLocalTime(value) !== null;
  } catch {
    return false;
  }
}

/** A complete, well-formed start/end pair, undefined if neither is given. */
function timeWindow(
  params: Params,
  start: string,
  end: string,
): Checked<readonly [string, string] | undefined> {
  if (!given(params, start) && !given(params, end)) return { ok: true, value: undefined };
  if (!given(params, start)) return fail(`${start} is required together with ${end}`);
  if (!given(params, end)) return fail(`${end} is required together with ${start}`);
  for (const key of [start, end]) {
    if (!isLocalTime(params[key])) {
      return fail(
        `${key} must be a time "yyyy-MM-dd HH:mm:ss" not earlier than ${EARLIEST}, got ${shown(params[key])}`,
      );
    }
  }
  const window = [params[start] as string, params[end] as string] as const;
  if (window[0] > window[1]) return fail(`${start} must not be later than ${end}`);
  return { ok: true, value: window };
}

/** Validates a `product/order/get_list` body. */
export function parseListParams(body: unknown): Checked<OrderFilter & { page: number; pageSize: number }> {
  const params = asParams(body);
  if (!params) return fail("the request body must be a JSON object");
  const create = timeWindow(params, "start_create_time", "end_create_time");
  if (!create.ok) return create;
  const update = timeWindow(params, "start_update_time", "end_update_time");
  if (!update.ok) return update;
  if (!create.value && !update.value) {
    return fail("start_create_time/end_create_time or start_update_time/end_update_time is required");
  }
  const { status, page, page_size: pageSize, source = 1 } = params;
  if (!given(params, "status")) return fail("status is required");
  if (!isInt(status) || !(WECHAT_ORDER_STATUSES as readonly number[]).includes(status)) {
    return fail(`status must be one of ${WECHAT_ORDER_STATUSES.join(", ")}, got ${shown(status)}`);
  }
  if (!given(params, "page")) return fail("page is required");
  if (!isInt(page) || page < 1) return fail(`page must be an integer >= 1, got ${shown(page)}`);
  if (!given(params, "page_size")) return fail("page_size is required");
  if (!isInt(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return fail(`page_size must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${shown(pageSize)}`);
  }
  if (source !== null && source !== 1 && source !== 2) {
    return fail(`source must be 1 (Mini Store) or 2 (CPS), got ${shown(source)}`);
  }
  return {
    ok: true,
    value: {
      status,
      page,
      pageSize,
      source: source ?? 1,
      ...(create.value ? { create: create.value } : {}),
      ...(update.value ? { update: update.value } : {}),
    },
  };
}

/** An order id as WeChat takes it: a JSON number (uint64, bigint when above 2^53) or digit text. */
export function parseOrderId(value: unknown): Checked<bigint> {
  if (value === undefined || value === null) return fail("order_id is required");
  if (typeof value === "bigint" && value > 0n && value < 2n ** 64n) return { ok: true, value };
  if (isInt(value) && value > 0) return { ok: true, value: BigInt(value) };
  if (
    typeof value === "string" &&
    /^\d{1,20}$/.test(value) &&
    BigInt(value) > 0n &&
    BigInt(value) < 2n ** 64n
  ) {
    return { ok: true, value: BigInt(value) };
  }
  return fail(
    `order_id must be an unsigned 64-bit integer (JSON number or digit string), got ${shown(value)}`,
  );
}

/** The order_id of a `product/order/get` body. */
export function parseGetParams(body: unknown): Checked<bigint> {
  const params = asParams(body);
  return params ? parseOrderId(params.order_id) : fail("the request body must be a JSON object");
}
