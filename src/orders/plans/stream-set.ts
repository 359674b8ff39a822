import type { StreamSet } from "../../pagination/connection.js";
import type { Segment } from "../../pagination/time-window.js";
import type { BlockRead, FetchedPage, StreamFamily } from "../../pagination/walker.js";

/** A stream family that knows how to read its own pages (of rows `R`). */
export interface ReadableFamily<R> extends StreamFamily {
  read(segment: Segment, page: number, pageSize: number, blockRead?: BlockRead): Promise<FetchedPage<R>>;
}

export function streamSet<R>(families: ReadableFamily<R>[], windows: Segment[]): StreamSet<R> {
  return {
    families,
    windows,
    fetchPage: ({ family, segment }, page, size, read) => families[family]!.read(segment, page, size, read),
  };
}
