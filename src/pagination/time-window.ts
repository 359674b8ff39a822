// Time windows in unix seconds, inclusive at both ends (the upstreams compare whole seconds), and
// their partition into sub-windows when WeChat refuses a window as too large (-31042/-31043).

import { formatChinaLocalTime } from "../shared/china-time.js";

export interface Segment {
  lo: number;
  hi: number;
}

/** A window cut into consecutive sub-windows. `starts` are the lower bounds of every sub-window but the oldest, descending. */
export interface Partition {
  lo: number;
  hi: number;
  starts: number[];
}

export interface Bounds {
  /** Inclusive lower bound, unix seconds. */
  after?: number | undefined;
  /** Inclusive upper bound, unix seconds. */
  before?: number | undefined;
}

const DAY_SECONDS = 86_400;

/** Unix seconds of an instant, to the second (both upstreams compare whole seconds). */
export const toSeconds = (instant: Date): number => Math.floor(instant.getTime() / 1000);

/**
 * The window a walk reads: the upper bound never passes `pinnedAt` (orders created during a walk
 * belong to a fresh query) and a missing lower bound means `days` before the upper one. Unix
 * seconds below 0 do not exist for the upstreams (WeChat: "not earlier than 1970-01-01 08:00:00").
 */
export function pinWindow(bounds: Bounds, pinnedAt: number, days: number): Segment {
  const hi = Math.min(bounds.before ?? pinnedAt, pinnedAt);
  return { lo: Math.max(0, bounds.after ?? hi - days * DAY_SECONDS), hi };
}

/** `yyyy-MM-dd HH:mm:ss` China time of a unix second: the request format of both upstreams. */
export const chinaText = (seconds: number): string => formatChinaLocalTime(new Date(seconds * 1000));

export const isEmpty = (segment: Segment): boolean => segment.lo > segment.hi;

export const wholePartition = (window: Segment): Partition => ({ lo: window.lo, hi: window.hi, starts: [] });

/** The sub-windows, newest first (none for an empty window). */
export function segmentsOf(partition: Partition): Segment[] {
  if (partition.lo > partition.hi) return [];
  const bounds = [...partition.starts, partition.lo];
  let hi = partition.hi;
  return bounds.map((lo) => {
    const segment = { lo, hi };
    hi = lo - 1;
    return segment;
  });
}

export const contains = (segment: Segment, t: number): boolean => t >= segment.lo && t <= segment.hi;

/** The newer and the older half of a window; undefined for a single second. */
export function halves(segment: Segment): [newer: Segment, older: Segment] | undefined {
  if (segment.hi <= segment.lo) return undefined;
  const mid = Math.floor((segment.lo + segment.hi) / 2) + 1;
  return [
    { lo: mid, hi: segment.hi },
    { lo: segment.lo, hi: mid - 1 },
  ];
}

/** Halves one sub-window of a partition (the newer half keeps the upper bound); undefined for a single second. */
export function splitSegment(partition: Partition, segment: Segment): Partition | undefined {
  const parts = halves(segment);
  if (!parts) return undefined;
  const starts = [...partition.starts, parts[0].lo].sort((a, b) => b - a);
  return { ...partition, starts };
}
