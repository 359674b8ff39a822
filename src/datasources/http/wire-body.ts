// Body text → lossless value → validated wire shape. Both failures are `UPSTREAM_BAD_RESPONSE`.
import { parse } from "lossless-json";
import type { z } from "zod";

import {
  UpstreamBadResponseError,
  UpstreamMalformedBodyError,
  type UpstreamErrorOptions,
} from "../errors.js";

/** Parses JSON keeping every number as a `LosslessNumber` (19-digit ids and `56.00` survive as written). */
export function parseLosslessBody(text: string, where: UpstreamErrorOptions): unknown {
  try {
    return parse(text);
  } catch (cause) {
    throw new UpstreamMalformedBodyError(`response body is not JSON (${text.length} bytes)`, {
      ...where,
      cause,
    });
  }
}

/**
 * Applies a wire schema; a mismatch names the field path (`orders[3].order_id`) and what was wrong.
 * `at` is where `value` sits in the body, for a part validated on its own (a listed row).
 */
export function validateWireBody<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: UpstreamErrorOptions,
  at: readonly PropertyKey[] = [],
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${fieldPath([...at, ...issue.path])}: ${issue.message}`);
  const more = result.error.issues.length > 3 ? ` (+${result.error.issues.length - 3} more)` : "";
  throw new UpstreamBadResponseError(
    `response does not match the documented shape at ${issues.join("; ")}${more}`,
    where,
  );
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(body)";
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`))
    .join("");
}
