import type { StreamPlan } from "../connection.js";
import type { Segment } from "../time-window.js";
import type { FetchedPage, StreamFamily } from "../walker.js";

/** A stream family that knows how to read its own pages. */
export interface ReadableFamily<T> extends StreamFamily {
  read(segment: Segment, page: number, pageSize: number): Promise<FetchedPage<T>>;
}

export function streamPlan<T>(families: ReadableFamily<T>[], windows: Segment[]): StreamPlan<T> {
  return {
    families,
    windows,
    fetchPage: ({ family, segment }, page, size) => families[family]!.read(segment, page, size),
  };
}
