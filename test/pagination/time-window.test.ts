import { describe, expect, it } from "vitest";

import { pinWindow, segmentsOf, splitSegment, wholePartition } from "../../src/pagination/time-window.js";

const PIN = 1_700_000_000;
const DAY = 86_400;

describe("pinWindow", () => {
  it.each([
    { bounds: {}, window: { lo: PIN - 30 * DAY, hi: PIN }, why: "no bounds: the last N days" },
    {
      bounds: { after: PIN - 100 },
      window: { lo: PIN - 100, hi: PIN },
      why: "open end: pinned at the first page",
    },
    {
      bounds: { before: PIN - DAY },
      window: { lo: PIN - 31 * DAY, hi: PIN - DAY },
      why: "open start: N days before the end",
    },
    {
      bounds: { after: PIN - 5, before: PIN + 999 },
      window: { lo: PIN - 5, hi: PIN },
      why: "a future end is pinned too",
    },
    {
      bounds: { before: 100 },
      window: { lo: 0, hi: 100 },
      why: "never before 1970-01-01 08:00:00 China time",
    },
  ])("$why", ({ bounds, window }) => {
    expect(pinWindow(bounds, PIN, 30)).toEqual(window);
  });
});

describe("partitions", () => {
  it("split halves a sub-window, newer half first, down to single seconds", () => {
    let partition = wholePartition({ lo: 0, hi: 9 });
    partition = splitSegment(partition, { lo: 0, hi: 9 })!;
    expect(segmentsOf(partition)).toEqual([
      { lo: 5, hi: 9 },
      { lo: 0, hi: 4 },
    ]);
    partition = splitSegment(partition, { lo: 0, hi: 4 })!;
    expect(segmentsOf(partition)).toEqual([
      { lo: 5, hi: 9 },
      { lo: 3, hi: 4 },
      { lo: 0, hi: 2 },
    ]);
    expect(splitSegment(partition, { lo: 7, hi: 7 })).toBeUndefined();
  });

  it("an empty window has no sub-windows", () => {
    expect(segmentsOf(wholePartition({ lo: 10, hi: 9 }))).toEqual([]);
  });
});
