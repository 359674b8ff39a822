import { parseChinaLocalTime } from "../../shared/china-time.js";
import { WEIXIN12315_STATUS_NAMES, type GroupStatus, type Weixin12315StatusName } from "./types.js";

/** The list call's parameters, checked. Unset optional filters are undefined. */
export interface OrderListQuery {
  orderscope: 0 | 1 | 2 | 3;
  packagestatus: -1 | GroupStatus;
  pageindex: number;
  pagesize: number;
  orderstatus?: Weixin12315StatusName;
  keyword?: string;
  orderedFrom?: Date;
  orderedTo?: Date;
  receivedFrom?: Date;
  receivedTo?: Date;
}

const MAX_PAGE_SIZE = 1000;

/** A parameter the API refuses; the message names it and shows what arrived. */
export class ParameterError extends Error {}

const REQUEST_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));
const isUnset = (value: unknown) => value === undefined || value === null || value === "";

/** An int sent as a JSON number or as digit text (the document's own example sends `"-1"`). */
function readInt(params: Record<string, unknown>, name: string, min: number, max: number, meaning: string) {
  const value = params[name];
  if (isUnset(value)) return undefined;
  const parsed =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^-?\d{1,16}$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ParameterError(`${name} must be an integer ${meaning}, got ${show(value)}`);
  }
  return parsed;
}

function requireInt(
  params: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  meaning: string,
) {
  const value = readInt(params, name, min, max, meaning);
  if (value === undefined) throw new ParameterError(`${name} is required (${meaning})`);
  return value;
}

function readText(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (isUnset(value)) return undefined;
  if (typeof value !== "string") throw new ParameterError(`${name} must be a string, got ${show(value)}`);
  return value;
}

/** `yyyy-MM-dd HH:mm:ss` China time, to the second; empty text means no bound. */
function readTime(params: Record<string, unknown>, name: string): Date | undefined {
  const text = readText(params, name);
  if (text === undefined) return undefined;
  try {
    if (REQUEST_TIME.test(text)) return parseChinaLocalTime(text) ?? undefined;
  } catch {
    // an impossible calendar date: reported below like any other bad shape
  }
  throw new ParameterError(`${name} must be a time like 2017-06-19 18:30:30, got ${show(text)}`);
}

/**
 * The body's parameters, as far as they can be signed at all: a JSON object of scalars (the signing
 * scheme has no text for nested values). Checked before the signature; throws `ParameterError`.
 */
export function requestParams(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ParameterError("request body must be a JSON object of parameters");
  }
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "object" && value !== null) {
      throw new ParameterError(`${name} must be a string or a number, not an object or array`);
    }
  }
  return body as Record<string, unknown>;
}

/** Checks the list call's parameters; throws `ParameterError` for the first violation. */
export function parseListParams(params: Record<string, unknown>): OrderListQuery {
  const statusCode = readInt(
    params,
    "orderstatus",
    1,
    6,
    `1..6 (${WEIXIN12315_STATUS_NAMES.map((n, i) => `${i + 1} ${n}`).join(", ")})`,
  );
  return {
    orderscope: requireInt(
      params,
      "orderscope",
      0,
      3,
      "0..3 (0 全部, 1 微商城, 2 拼团, 3 奖品)",
    ) as OrderListQuery["orderscope"],
    packagestatus: requireInt(
      params,
      "packagestatus",
      -1,
      2,
      "-1..2 (-1 全部, 0 组团中, 1 组团成功, 2 组团失败)",
    ) as OrderListQuery["packagestatus"],
    pageindex: requireInt(params, "pageindex", 1, Number.MAX_SAFE_INTEGER, "≥ 1"),
    pagesize: requireInt(params, "pagesize", 1, MAX_PAGE_SIZE, `1..${MAX_PAGE_SIZE}`),
    orderstatus: statusCode === undefined ? undefined : WEIXIN12315_STATUS_NAMES[statusCode - 1],
    keyword: readText(params, "keyword"),
    orderedFrom: readTime(params, "startordertime"),
    orderedTo: readTime(params, "endordertime"),
    receivedFrom: readTime(params, "startreceivetime"),
    receivedTo: readTime(params, "endreceivetime"),
  };
}
