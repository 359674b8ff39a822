// weixin12315 request signing: the only place that knows the scheme, so a correction is a one-file change.
//
// Source: the project's reading of the vendor's SDK sample in the API document
// (`IAuth auth = new Sign("app_id", "app_secret"); IClient client = new SignClient(auth); ...`), which
// signs every call with the app id and secret. The scheme (foundation issue, "weixin12315 simulator"):
//   headers   appid, timestamp, nonce, sign
//   timestamp yyyyMMddHHmmss in China time
//   sign      = UPPER(hex(MD5(utf8(timestamp + nonce + appSecret + data))))
//   data      = the body's top-level parameters sorted by name (ordinal order), each written as its
//               name immediately followed by its value's text (strings as-is, numbers in decimal),
//               no separators. Parameters left out of the body (undefined) are left out of `data`.
import { createHash } from "node:crypto";

import { formatChinaCompactTime } from "../../shared/china-time.js";

export interface Weixin12315SignOptions {
  appId: string;
  appSecret: string;
  now: () => Date;
  nonce: () => string;
}

export interface Weixin12315AuthHeaders {
  appid: string;
  timestamp: string;
  nonce: string;
  sign: string;
}

/** The auth headers for a body made of exactly `params` (sign the object that is serialised, not a copy). */
export function signWeixin12315Request(
  params: Readonly<Record<string, unknown>>,
  options: Weixin12315SignOptions,
): Weixin12315AuthHeaders {
  const timestamp = formatChinaCompactTime(options.now());
  const nonce = options.nonce();
  const data = Object.keys(params)
    .filter((name) => params[name] !== undefined)
    .sort()
    .map((name) => name + valueText(name, params[name]))
    .join("");
  const sign = createHash("md5")
    .update(timestamp + nonce + options.appSecret + data, "utf8")
    .digest("hex")
    .toUpperCase();
  return { appid: options.appId, timestamp, nonce, sign };
}

function valueText(name: string, value: unknown): string {
  if (typeof value === "string") return value;
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint")
    return String(value);
  throw new TypeError(`weixin12315 parameter ${name} must be a string or a number, got ${typeof value}`);
}
