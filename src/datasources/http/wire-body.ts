// Body text → lossless value → validated wire shape. Both failures are `UPSTREAM_BAD_RESPONSE`.
import { parse } from "lossless-json";
import type { z } from "zod";

import type { OrderSourceName } from "../../shared/order-source.js";
import { UpstreamBadResponseError, type UpstreamErrorOptions } from "../errors.js";
import type { ListedRow } from "../wire-primitives.js";

/** Parses JSON keeping every number as a `LosslessNumber` (19-digit ids and `56.00` survive as written). */
export function parseLosslessBody(text: string, where: UpstreamErrorOptions): unknown {
  try {
    return parse(text);
  } catch (cause) {
    throw new UpstreamBadResponseError(`response body is not JSON (${text.length} bytes)`, {
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

/** Where a source's listed rows come from: the list endpoint and the rows' path in its body. */
export interface ListedRowSpec<W, N> {
  /** The complete order schema (the one lookups apply). */
  schema: z.ZodType<W>;
  map: (wire: W) => N;
  endpoint: string;
  /** Path of the row list in the body, e.g. `["orders"]`. */
  listPath: readonly PropertyKey[];
}

/**
 * The function that turns a listed row into its node: the full validation the list call skipped,
 * then the mapping, each once per row. Memoised by row object, because the request's DataLoader
 * hands the same page (the same rows) to every read of it; the memo lives as long as the page.
 * A bad field is the `UPSTREAM_BAD_RESPONSE` the full list validation would have raised, with the
 * row's path (`orders[3].order_detail.price_info.order_price`).
 */
export function listedRowMapper<S extends OrderSourceName, W, N>(
  spec: ListedRowSpec<W, N>,
): (row: ListedRow<S>) => N {
  const nodes = new WeakMap<ListedRow<S>, N>();
  return (row) => {
    let node = nodes.get(row);
    if (node === undefined) {
      const where = { source: row.source, endpoint: spec.endpoint };
      node = spec.map(validateWireBody(spec.schema, row.raw, where, [...spec.listPath, row.index]));
      nodes.set(row, node);
    }
    return node;
  };
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(body)";
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`))
    .join("");
}
