// zod building blocks for bodies parsed by lossless-json's default `parse`: every JSON number arrives
// as a LosslessNumber holding the digits exactly as written, and leaves here as an exact string or a
// safe integer. Nothing passes through a float.
import { isLosslessNumber, type LosslessNumber } from "lossless-json";
import { z } from "zod";

import { parseChinaLocalTime, parseUnixSeconds } from "../shared/china-time.js";
import type { OrderSourceName } from "../shared/order-source.js";
import { ListedOrder, type FullOrderSpec } from "./listed-order.js";

const INTEGER = /^-?\d+$/;
const DIGITS = /^\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Text of a JSON number as written (LosslessNumber), or of a safe-integer JS number (values built in
 * code, e.g. by tests); other values are left for zod to judge, so a float never becomes text.
 */
function numberText(value: unknown): unknown {
  if (isLosslessNumber(value)) return (value as LosslessNumber).value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return value;
}

/** An upstream id: a JSON integer or a digit string → the exact digit string, even above 2^53. */
export const wireId = z.preprocess(
  numberText,
  z
    .string()
    .regex(DIGITS, { error: (issue) => `expected an id (digits), got ${JSON.stringify(issue.input)}` }),
);

/** A count, code or flag number: a JSON integer or integer text → a safe integer. */
export const wireInt = z.preprocess(
  numberText,
  z
    .string()
    .regex(INTEGER, { error: (issue) => `expected an integer, got ${JSON.stringify(issue.input)}` })
    .transform(Number)
    .refine(Number.isSafeInteger, { error: "integer outside the safe range (±2^53)" }),
);

/** A decimal amount (weixin12315 yuan): a JSON number or decimal text → the exact text as written (`"56.00"`). */
export const wireDecimal = z.preprocess(
  numberText,
  z.string().regex(DECIMAL, { error: (issue) => `expected a decimal, got ${JSON.stringify(issue.input)}` }),
);

/** An amount in yuan (weixin12315): exact decimal text that is a whole number of fen (`"112.00"`, `56.5`). */
export const wireYuan = wireDecimal.refine((text) => !/\.\d\d\d*[1-9]/.test(text), {
  error: (issue) => `expected an amount in yuan (at most 2 decimals), got ${JSON.stringify(issue.input)}`,
});

/** Free text exactly as sent; a JSON number where text is documented keeps its digits as written. */
export const wireText = z.preprocess(numberText, z.string());

/** A boolean, also as the 0/1 numbers or `"0"`/`"1"`/`"true"`/`"false"` text some upstreams send. */
export const wireBool = z.preprocess((value) => {
  const text = numberText(value);
  if (text === "1" || text === "true") return true;
  if (text === "0" || text === "false") return false;
  return text;
}, z.boolean());

/**
 * Parses with `parse` once, at validation: the instant leaves the wire layer, so mapping never parses
 * the same text again; text `parse` throws on is a validation issue with `expected` in its message.
 */
function instantFrom<T>(parse: (text: string) => T, expected: string) {
  return (text: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: `expected ${expected}, got ${JSON.stringify(text)}` });
      return z.NEVER;
    }
  };
}

/** China local time text (`2020-03-25 13:05:25` or `2017/7/29 13:39:34`) → the instant; empty text is invalid. */
export const wireChinaTime = z.string().transform(
  instantFrom((text) => {
    const instant = parseChinaLocalTime(text);
    if (instant === null) throw new RangeError("empty");
    return instant;
  }, "China local time (yyyy-MM-dd HH:mm:ss)"),
);

/** Unix seconds as a JSON integer or digit string (WeChat delivery times) → the instant; `0` means unset (null). */
export const wireUnixSeconds = z.preprocess(
  numberText,
  z.string().transform(instantFrom(parseUnixSeconds, "unix seconds")),
);

/** A field the upstream may omit or send as null: absent → null. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === undefined ? null : value), schema.nullable());
}

/** Like `optional`, and empty text also means absent (numbers, times and ids cannot be `""`). */
export function optionalBlank<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === undefined || value === "" ? null : value), schema.nullable());
}

/** An optional list: absent or null → []. */
export function optionalList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || value === null ? [] : value), z.array(item));
}

/**
 * An order list (absent or null → []) whose rows are checked for their sort fields only, with the
 * same primitives the full order schema uses for them (a bad one names its path, `orders[3].create_time`);
 * each row validates the rest on demand (`ListedOrder.order()`).
 */
export function listedRows<S extends OrderSourceName, W>(
  source: S,
  fields: { orderId: string; createdAt: string },
  full: FullOrderSpec<W>,
) {
  const key = z.object({ [fields.orderId]: wireId, [fields.createdAt]: wireChinaTime });
  return optionalList(z.unknown()).transform((rows, ctx): ListedOrder<S, W>[] =>
    rows.map((raw, index) => {
      const parsed = key.safeParse(raw);
      if (!parsed.success) {
        // Issues of a nested parse, re-rooted at the row: the list's own path is prefixed by zod.
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: "custom", message: issue.message, path: [index, ...issue.path] });
        }
        return z.NEVER;
      }
      const data = parsed.data as Record<string, unknown>;
      return new ListedOrder(
        source,
        data[fields.orderId] as string,
        data[fields.createdAt] as Date,
        raw,
        index,
        full,
      );
    }),
  );
}
