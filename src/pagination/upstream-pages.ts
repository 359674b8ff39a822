// Translates an offset range of a stream into page-numbered upstream calls: as few calls as
// possible, then as few wasted rows as possible. Offsets are 0-based; pages are 1-based.

export interface UpstreamPage {
  page: number;
  pageSize: number;
  /** Offset of the page's first row. */
  offset: number;
}

// A single call may fetch up to this many rows more than asked before two calls are preferred.
const singleCallBudget = (length: number) => Math.max(3 * length, length + 16);

/** The pages that cover offsets [start, end), all of one size (page numbers depend on it). */
export function pagesCovering(start: number, end: number, maxPageSize: number): UpstreamPage[] {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    throw new RangeError(`pagesCovering needs 0 <= start < end, got [${start}, ${end})`);
  }
  const length = end - start;
  const limit = Math.min(maxPageSize, singleCallBudget(length));
  for (let size = length; size <= limit; size += 1) {
    if (Math.floor(start / size) === Math.floor((end - 1) / size)) {
      const index = Math.floor(start / size);
      return [{ page: index + 1, pageSize: size, offset: index * size }];
    }
  }
  return blocksCovering(start, end, maxPageSize);
}

/** The aligned blocks of `blockSize` rows (pages of that size) that hold offsets [start, end). */
export function blocksCovering(start: number, end: number, blockSize: number): UpstreamPage[] {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    throw new RangeError(`blocksCovering needs 0 <= start < end, got [${start}, ${end})`);
  }
  const first = Math.floor(start / blockSize);
  const last = Math.floor((end - 1) / blockSize);
  return Array.from({ length: last - first + 1 }, (_, i) => ({
    page: first + i + 1,
    pageSize: blockSize,
    offset: (first + i) * blockSize,
  }));
}
