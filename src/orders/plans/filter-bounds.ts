// Time bounds of a filter: checked (after ≤ before), to the second, and turned into the window a
// snapshot reads.
import { formatChinaIso } from "../../shared/china-time.js";
import { badUserInput } from "../../shared/bad-user-input.js";
import type { Snapshot } from "../../pagination/connection.js";
import { pinWindow, toSeconds, type Bounds, type Segment } from "../../pagination/time-window.js";

/** The bounds of an after/before pair in unix seconds, or undefined when neither is given. */
export function boundsOf(
  names: readonly [after: string, before: string],
  after: Date | null | undefined,
  before: Date | null | undefined,
): Bounds | undefined {
  if (after == null && before == null) return undefined;
  if (after != null && before != null && after.getTime() > before.getTime()) {
    throw badUserInput(
      `\`${names[0]}\` (${formatChinaIso(after)}) is later than \`${names[1]}\` (${formatChinaIso(before)}); ` +
        "the window would be empty. Swap them or drop one.",
    );
  }
  return {
    after: after == null ? undefined : toSeconds(after),
    before: before == null ? undefined : toSeconds(before),
  };
}

/**
 * The created-time window a snapshot reads: the given bounds, else the last N days — unless another
 * constraint (an update or receive window, an order number) already narrows the walk, then all time up to the pin.
 */
export function createdWindow(
  created: Bounds | undefined,
  narrowedElsewhere: boolean,
  snapshot: Snapshot,
): Segment {
  if (!created && narrowedElsewhere) return { lo: 0, hi: snapshot.pinnedAt };
  return pinWindow(created ?? {}, snapshot.pinnedAt, snapshot.windowDays);
}

/** A secondary window (updated, received), pinned like the created one; undefined when not asked for. */
export const secondaryWindow = (bounds: Bounds | undefined, snapshot: Snapshot): Segment | undefined =>
  bounds && pinWindow(bounds, snapshot.pinnedAt, snapshot.windowDays);

/** Distinct values in a fixed order (so equal filters give equal cursors); absent or empty → undefined. */
export function distinctIn<T>(values: readonly T[] | null | undefined, order: readonly T[]): T[] | undefined {
  if (!values || values.length === 0) return undefined;
  return order.filter((v) => values.includes(v));
}

/** The order number of a filter: trimmed; blank is a mistake worth saying so. */
export function orderNumberOf(value: string | null | undefined, name: string): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") throw badUserInput(`\`${name}\` must not be blank; leave it out to list every order.`);
  return trimmed;
}
