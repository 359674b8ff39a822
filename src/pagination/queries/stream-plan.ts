import type { StreamPlan } from "../connection.js";
import type { Segment } from "../time-window.js";
import type { FetchedPage, StreamFamily } from "../walker.js";

/** A stream family that knows how to read its own pages (of rows `R`). */
export interface ReadableFamily<R> extends StreamFamily {
  read(segment: Segment, page: number, pageSize: number): Promise<FetchedPage<R>>;
}

export function streamPlan<R>(families: ReadableFamily<R>[], windows: Segment[]): StreamPlan<R> {
  return {
    families,
    windows,
    fetchPage: ({ family, segment }, page, size) => families[family]!.read(segment, page, size),
  };
}
