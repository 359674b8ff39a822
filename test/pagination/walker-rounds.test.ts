// Must show: with block reads, a page uses stored blocks only when they come from one round of reads
// that is no older than the walk's start (the moment its first page saw the upstream). A stored round
// can be older than the walk's start although pages chain through shared blocks: a slow read stored
// after a newer one, or another replica's read through Redis. Such a round may lack an order the walk
// must return; the page re-reads it fresh instead.
import { describe, expect, it } from "vitest";

import type { SortKey } from "../../src/pagination/sort-key.js";
import { wholePartition } from "../../src/pagination/time-window.js";
import { walk, type FetchPage, type WalkResult, type WalkSource } from "../../src/pagination/walker.js";

const BLOCK = 2;
const key = (t: number, id: number): SortKey => ({ t, rank: 0, id: BigInt(id) });

/** The shop before and after order 8 was created (back-dated between orders 9 and 7). */
const BEFORE = [key(100, 10), key(90, 9), key(80, 7), key(70, 6)];
const AFTER = [key(100, 10), key(90, 9), key(85, 8), key(80, 7), key(70, 6)];

/** A stream over `now`'s rows whose stored blocks (by page number) can be set by the test, like a cache. */
function cachedStream() {
  const stored = new Map<number, { round: string; rows: SortKey[] }>();
  const fetchPage: FetchPage<SortKey> = async (_ref, page, pageSize, read) => {
    const hit = read?.fresh ? undefined : stored.get(page);
    const round = hit?.round ?? read?.round;
    const rows = hit?.rows ?? AFTER;
    const offset = (page - 1) * pageSize;
    return {
      items: rows.slice(offset, offset + pageSize).map((k) => ({ key: k, row: k })),
      total: rows.length,
      round,
    };
  };
  const source: WalkSource<SortKey> = {
    families: [{ group: 0, rank: 0, maxPageSize: 100 }],
    partitions: [wholePartition({ lo: 0, hi: 1000 })],
    fetchPage,
    blockSize: BLOCK,
  };
  /** Stores block `page` of the shop as it was (`rows`) under `round`, as a read of that round would have. */
  const store = (page: number, round: string, rows: SortKey[]) => stored.set(page, { round, rows });
  return { source, store };
}

const ids = (edges: { item: { key: SortKey } }[]) => edges.map((e) => Number(e.item.key.id));

/** The page of `count` after the last edge of `previous`, in the same walk (its cursor, its start). */
const nextPage = (source: WalkSource<SortKey>, previous: WalkResult<SortKey>, count: number) =>
  walk(source, {
    direction: "forward",
    count,
    from: { position: previous.edges.at(-1)!.item.key, hints: previous.edges.at(-1)!.hints },
    since: previous.asOf,
  });

describe("stored rounds and the walk's start", () => {
  it("a first page served from a stored round starts the walk at that round's moment", async () => {
    const { source, store } = cachedStream();
    store(1, "2000.new", AFTER);
    const first = await walk(source, { direction: "forward", count: 1 });
    expect(ids(first.edges)).toEqual([10]);
    expect(first.asOf).toBe(2000);
  });

  it("a later page does not use a coherent round older than the walk's start: it re-reads", async () => {
    const { source, store } = cachedStream();
    store(1, "2000.new", AFTER);
    const first = await walk(source, { direction: "forward", count: 1 });
    // After the first page, an older round (before order 8 existed) replaces the stored blocks.
    store(1, "1000.old", BEFORE);
    store(2, "1000.old", BEFORE);
    const next = await nextPage(source, first, 2);
    // From the old round the page would be [9, 7]: order 8, there when the walk started, skipped.
    expect(ids(next.edges)).toEqual([9, 8]);
    expect(next.asOf).toBe(2000);
  });

  it("the same round, no older than the walk's start, is used as stored", async () => {
    const { source, store } = cachedStream();
    store(1, "2000.new", BEFORE);
    store(2, "2000.new", BEFORE);
    const first = await walk(source, { direction: "forward", count: 1 });
    const next = await nextPage(source, first, 2);
    // Served from the stored round (which predates order 8): no re-read.
    expect(ids(next.edges)).toEqual([9, 7]);
  });
});
