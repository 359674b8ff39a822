import { createHash } from "node:crypto";
import { formatChinaCompactTime } from "../../src/shared/china-time.js";
import type { Weixin12315Simulator } from "../../src/simulators/weixin12315/index.js";

// The tests' own signer, written from the scheme's text (independent of the simulator and of the
// production client): sign = UPPER(hex(MD5(timestamp + nonce + appSecret + data))), data = top-level
// params sorted by name (ordinal), each as name + value text (strings as-is, numbers in decimal).

export const APP_ID = "wx12315-test-app";
export const APP_SECRET = "wx12315-test-secret";
const LIST_PATH = "/api/sign/md.shop.order/v1/list";
/** A fixed base clock, so seeded data and timestamps are reproducible. */
export const BASE_NOW = new Date("2024-06-01T12:00:00+08:00");

export function testSign(
  params: Record<string, unknown>,
  timestamp: string,
  nonce: string,
  secret = APP_SECRET,
) {
  const data = Object.keys(params)
    .sort()
    .map((name) => `${name}${String(params[name])}`)
    .join("");
  return createHash("md5").update(`${timestamp}${nonce}${secret}${data}`, "utf8").digest("hex").toUpperCase();
}

export interface CallOptions {
  appId?: string;
  secret?: string;
  timestamp?: string;
  nonce?: string;
  /** Replaces the computed signature. */
  sign?: string;
  /** Headers to leave out. */
  omit?: string[];
  /** Sent instead of JSON.stringify(params) (params are still what gets signed). */
  rawBody?: string;
}

export interface ListCall {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read arbitrary response JSON
  json: any;
}

let nonces = 0;

/** Signed list calls against one simulator; each call gets a fresh nonce unless one is given. */
export function listCaller(sim: Weixin12315Simulator) {
  return async (params: Record<string, unknown>, options: CallOptions = {}): Promise<ListCall> => {
    const timestamp = options.timestamp ?? formatChinaCompactTime(sim.now());
    const nonce = options.nonce ?? `nonce-${++nonces}`;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      appid: options.appId ?? APP_ID,
      timestamp,
      nonce,
      sign: options.sign ?? testSign(params, timestamp, nonce, options.secret),
    };
    for (const name of options.omit ?? []) delete headers[name];
    const res = await fetch(`${sim.url}${LIST_PATH}`, {
      method: "POST",
      headers,
      body: options.rawBody ?? JSON.stringify(params),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      json: res.headers.get("content-type")?.includes("json") ? safeJson(text) : undefined,
    };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Plain JSON admin calls under `/__sim/`. */
export async function admin(
  sim: Weixin12315Simulator,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read arbitrary response JSON
  return { status: res.status, json: (await res.json()) as any };
}

/** The minimal valid parameter set (everything else unset). */
export const ALL_ORDERS = { orderscope: 0, packagestatus: -1, pageindex: 1, pagesize: 1000 } as const;
