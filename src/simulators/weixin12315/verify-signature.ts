import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { parseChinaCompactTime, truncateToSecond } from "./time-text.js";
import { WEIXIN12315_RETURN_CODES as CODES } from "./types.js";

// The server side of weixin12315's request signing, written from the scheme's text (not from the
// client's signer, so the two check each other):
//   sign = UPPER(hex(MD5(utf8(timestamp + nonce + appSecret + data))))
//   data = the body's top-level parameters sorted by name in ordinal (UTF-16 code unit) order,
//          each written as name immediately followed by its value's text, no separators.

const AUTH_HEADERS = ["appid", "timestamp", "nonce", "sign"] as const;

interface AuthFailure {
  code: string;
  message: string;
}

export interface SignatureVerifierOptions {
  appId: string;
  appSecret: string;
  now: () => Date;
  toleranceSeconds: number;
  nonceWindowSeconds: number;
}

/**
 * A value's text in `data`: strings as-is, numbers in decimal (integers above 2^53 digit-exact),
 * booleans `true`/`false`, null as empty text. (Nested values never get here: `requestParams`.)
 */
function valueText(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

function signatureData(params: Record<string, unknown>): string {
  return Object.keys(params)
    .sort()
    .map((name) => name + valueText(params[name]))
    .join("");
}

const header = (headers: IncomingHttpHeaders, name: string): string => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

/** Checks one call's auth headers against its parameters; undefined when the call is authentic. */
export type SignatureVerifier = (
  headers: IncomingHttpHeaders,
  params: Record<string, unknown>,
) => AuthFailure | undefined;

/** Checks the auth headers of one call; remembers its nonce only once the call is authentic. */
export function createSignatureVerifier(options: SignatureVerifierOptions): SignatureVerifier {
  /** `appid + nonce` → when it was first accepted (ms, simulator clock); insertion order = time order. */
  const nonces = new Map<string, number>();
  const windowMs = options.nonceWindowSeconds * 1000;

  const forgetExpired = (nowMs: number) => {
    for (const [key, usedAt] of nonces) {
      if (nowMs - usedAt <= windowMs) break;
      nonces.delete(key);
    }
  };

  return (headers, params) => {
    const missing = AUTH_HEADERS.filter((name) => header(headers, name) === "");
    if (missing.length > 0)
      return { code: CODES.missingAuthHeaders, message: `missing auth header(s): ${missing.join(", ")}` };
    const [appid, timestamp, nonce, sign] = AUTH_HEADERS.map((name) => header(headers, name)) as [
      string,
      string,
      string,
      string,
    ];

    if (appid !== options.appId) return { code: CODES.unknownAppId, message: "unknown appid" };

    let sentAt: Date;
    try {
      sentAt = parseChinaCompactTime(timestamp);
    } catch {
      return { code: CODES.malformedTimestamp, message: "timestamp must be yyyyMMddHHmmss (China time)" };
    }
    const now = truncateToSecond(options.now());
    if (Math.abs(now.getTime() - sentAt.getTime()) > options.toleranceSeconds * 1000) {
      return {
        code: CODES.staleTimestamp,
        message: `timestamp is more than ${options.toleranceSeconds} s away from the server clock`,
      };
    }

    const expected = createHash("md5")
      .update(timestamp + nonce + options.appSecret + signatureData(params), "utf8")
      .digest("hex")
      .toUpperCase();
    const given = Buffer.from(sign, "utf8");
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, "utf8"))) {
      return { code: CODES.badSign, message: "sign does not match" };
    }

    forgetExpired(now.getTime());
    const key = `${appid}\n${nonce}`;
    if (nonces.has(key)) {
      return {
        code: CODES.replayedNonce,
        message: `nonce already used within the last ${options.nonceWindowSeconds} s`,
      };
    }
    nonces.set(key, now.getTime());
    return undefined;
  };
}
