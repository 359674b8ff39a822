import { describe, expect, it } from "vitest";

import { pagesCovering } from "../../src/pagination/upstream-pages.js";

describe("pagesCovering", () => {
  it.each([
    { start: 0, end: 21, max: 10_000, pages: [{ page: 1, pageSize: 21, offset: 0 }] },
    { start: 6, end: 28, max: 10_000, pages: [{ page: 1, pageSize: 28, offset: 0 }] },
    { start: 40, end: 62, max: 10_000, pages: [{ page: 2, pageSize: 31, offset: 31 }] },
    { start: 0, end: 1, max: 1, pages: [{ page: 1, pageSize: 1, offset: 0 }] },
    {
      start: 5,
      end: 12,
      max: 4,
      pages: [2, 3].map((page) => ({ page, pageSize: 4, offset: (page - 1) * 4 })),
    },
    {
      start: 0,
      end: 250,
      max: 100,
      pages: [1, 2, 3].map((page) => ({ page, pageSize: 100, offset: (page - 1) * 100 })),
    },
  ])("[$start, $end) with pages ≤ $max", ({ start, end, max, pages }) => {
    expect(pagesCovering(start, end, max)).toEqual(pages);
  });

  it("covers every range with one call while the page size allows, never a whole stream for a small page", () => {
    const bad: string[] = [];
    for (let length = 1; length <= 102; length += 1) {
      for (let start = 0; start < 5000; start += 7) {
        const pages = pagesCovering(start, start + length, 10_000);
        const { offset, pageSize } = pages[0]!;
        const ok =
          pages.length === 1 &&
          offset <= start &&
          offset + pageSize >= start + length &&
          pageSize <= Math.max(3 * length, length + 16);
        if (!ok) bad.push(`[${start}, ${start + length}) → ${JSON.stringify(pages)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("rejects empty or negative ranges", () => {
    expect(() => pagesCovering(3, 3, 10)).toThrow(RangeError);
    expect(() => pagesCovering(-1, 3, 10)).toThrow(RangeError);
  });
});
