// The stream walker: a k-way merge of page-numbered upstream streams into one keyset-ordered
// walk. Positions are keys (exact under change); upstream offsets are only hints, checked on every
// read against the row just outside the hinted offset, with a widening re-seek when they moved.
import { compareNewestFirst, ID_CEILING, type SortKey } from "./sort-key.js";
import { pagesCovering } from "./upstream-pages.js";
import { contains, halves, segmentsOf, splitSegment, type Partition, type Segment } from "./time-window.js";

/** A row of a stream and its key; what `T` is (a raw listed row, a node) is the caller's business. */
interface WalkItem<T> {
  key: SortKey;
  row: T;
}

export interface FetchedPage<T> {
  /** The page's rows in upstream order (newest-created first). */
  items: WalkItem<T>[];
  /** The upstream's total for the stream (`total_num`, `count`). */
  total: number;
}

/** One stream: a family's upstream filter restricted to one sub-window of its group's window. */
interface StreamRef {
  family: number;
  segment: Segment;
}

/** Reads one upstream page (1-based) of a stream. Throws `WindowTooLargeError` when the upstream refuses the sub-window. */
export type FetchPage<T> = (stream: StreamRef, page: number, pageSize: number) => Promise<FetchedPage<T>>;

/** The upstream refused a sub-window as too large to scan (WeChat -31042/-31043); the walker splits it. */
export class WindowTooLargeError extends Error {
  constructor(readonly upstream: unknown) {
    super("the upstream refused the time window as too large to scan", { cause: upstream });
    this.name = "WindowTooLargeError";
  }
}

/** One native upstream filter (e.g. one WeChat status). Families of a group share its window partition. */
export interface StreamFamily {
  group: number;
  rank: number;
  maxPageSize: number;
}

export interface WalkSource<T> {
  families: StreamFamily[];
  /** Per group: its window and the sub-windows known so far. */
  partitions: Partition[];
  fetchPage: FetchPage<T>;
}

/** An offset hint that is not known (the walk re-seeks from the sub-window's edge). */
const UNKNOWN_HINT = -1;

export interface WalkRequest {
  /** `forward` walks newest-created first (`first`), `backward` oldest first (`last`). */
  direction: "forward" | "backward";
  count: number;
  /** Exclusive start: the cursor's key and per-family hints (relative to `partitions` as given). */
  from?: { position: SortKey; hints: readonly number[] } | undefined;
  /** Exclusive far end (the other cursor of an `after`+`before` pair). */
  stop?: SortKey | undefined;
}

interface WalkEdge<T> {
  item: WalkItem<T>;
  /** Per family: offset of the first order after this edge in the family's sub-window holding it. */
  hints: number[];
}

export interface WalkResult<T> {
  /** In walk order; at most `count`. */
  edges: WalkEdge<T>[];
  /** Another order follows the last edge (before `stop`). */
  hasMore: boolean;
  /** The partitions after any splits the walk needed (to remember in cursors). */
  partitions: Partition[];
  /** Sum of the totals of every stream of the window; reads only the streams the walk did not. */
  totalCount(): Promise<number>;
}

interface Positioned<T> extends WalkItem<T> {
  offset: number;
}

type Start = { kind: "done" } | { kind: "offset"; pos: number; verify: boolean } | { kind: "end" };

/** Reads one stream in the walk direction, keeping the rows after the walk position in `buffer`. */
class StreamReader<T> {
  readonly buffer: Positioned<T>[] = [];
  ended = false;
  total: number | undefined;
  /** Hinted offset (forward: first row after the position; backward: first row after it in newest-first order). */
  private pos: number | undefined;
  private anchored: boolean;
  /** Forward: next offset to read. Backward: lowest offset read. */
  private frontier = 0;
  /** Last key admitted to the buffer (or the walk position): later rows must come after it. */
  private lastKey: SortKey | undefined;
  private gap = 0;

  constructor(
    readonly ref: StreamRef,
    private readonly family: StreamFamily,
    private readonly fetchPage: FetchPage<T>,
    private readonly walkOrder: (a: SortKey, b: SortKey) => number,
    private readonly forward: boolean,
    from: SortKey | undefined,
    start: Start,
  ) {
    this.lastKey = from;
    this.ended = start.kind === "done";
    this.pos = start.kind === "offset" ? start.pos : undefined;
    this.anchored = start.kind === "offset" && (!start.verify || (this.forward && start.pos === 0));
    if (start.kind === "offset") this.frontier = start.pos;
  }

  /** The earliest key (in walk order) the next unread row could have. */
  bound(): SortKey {
    const { lo, hi } = this.ref.segment;
    const edge = this.forward
      ? { t: hi, rank: this.family.rank, id: ID_CEILING }
      : { t: lo, rank: this.family.rank, id: -1n };
    return this.lastKey && this.walkOrder(this.lastKey, edge) > 0 ? this.lastKey : edge;
  }

  /** Offset of the first row after `key` (the edge being emitted) in newest-first order. */
  hint(): number {
    const head = this.buffer[0];
    if (head) return this.forward ? head.offset : head.offset + 1;
    if (this.anchored) return this.frontier;
    return this.pos ?? UNKNOWN_HINT;
  }

  /** Reads until the buffer holds a row or the stream is exhausted. `want` sizes the reads. */
  async fill(want: number): Promise<void> {
    this.gap ||= Math.max(want, 1);
    while (this.buffer.length === 0 && !this.ended) {
      if (this.forward) await this.readForward(want);
      else await this.readBackward(want);
    }
  }

  private async readForward(want: number): Promise<void> {
    const verifying = !this.anchored;
    const start = verifying ? this.pos! - 1 : this.frontier;
    const page = await this.read(start, start + want + (verifying ? 1 : 0));
    const first = page.items[0];
    if (verifying) {
      // The row before the hinted offset must be at or before the position; if it is not, orders
      // before the position left this stream (status changes) and the position moved back.
      if (page.offset > 0 && (!first || this.walkOrder(first.key, this.lastKey!) > 0)) {
        this.pos = Math.max(0, Math.min(page.offset, page.total) - this.gap);
        this.gap *= 2;
        if (this.pos === 0) this.anchor(0);
        return;
      }
      this.anchor(page.offset);
    }
    this.admit(page.items);
    this.frontier = page.offset + page.items.length;
    if (page.short || this.frontier >= page.total) this.ended = true;
  }

  private async readBackward(want: number): Promise<void> {
    if (this.pos === undefined && !this.anchored) {
      // From the end of the stream: its total is not known before a first read.
      const probe = await this.read(0, want);
      if (probe.short || probe.items.length >= probe.total) {
        this.anchor(0);
        this.admit([...probe.items].reverse());
        this.ended = true;
        return;
      }
      this.anchor(probe.total);
      return;
    }
    const verifying = !this.anchored;
    const end = verifying ? this.pos! + 1 : this.frontier;
    if (end === 0) {
      this.ended = true;
      return;
    }
    const page = await this.read(Math.max(0, end - want - (verifying ? 1 : 0)), end);
    const readEnd = page.offset + page.items.length;
    if (verifying) {
      const last = page.items.at(-1);
      // The row at the hinted offset must be at or after the position (in newest-first order); if
      // it is not, orders entered this stream before the position and the position moved on.
      if (last && this.walkOrder(last.key, this.lastKey!) > 0 && readEnd < page.total) {
        this.pos = Math.min(page.total, readEnd - 1 + this.gap);
        this.gap *= 2;
        return;
      }
      if (page.items.length === 0) {
        this.anchor(Math.min(page.offset, page.total));
        return;
      }
      this.anchor(readEnd);
    }
    this.admit([...page.items].reverse());
    this.frontier = page.offset;
    if (page.offset === 0) this.ended = true;
  }

  private anchor(offset: number): void {
    this.anchored = true;
    this.frontier = offset;
  }

  /** Appends rows (given in walk order) that come after everything admitted so far. */
  private admit(items: Positioned<T>[]): void {
    for (const item of items) {
      if (this.lastKey && this.walkOrder(item.key, this.lastKey) <= 0) continue;
      this.buffer.push(item);
      this.lastKey = item.key;
    }
  }

  /** Rows at offsets [start, end) (and whatever else the chosen pages hold), with their offsets. */
  private async read(start: number, end: number) {
    const pages = pagesCovering(start, end, this.family.maxPageSize);
    const results = await Promise.all(pages.map((p) => this.fetchPage(this.ref, p.page, p.pageSize)));
    const offset = pages[0]!.offset;
    const items: Positioned<T>[] = results.flatMap((r, i) =>
      r.items.map((item, j) => ({ ...item, offset: pages[i]!.offset + j })),
    );
    const total = Math.max(...results.map((r) => r.total));
    this.total = total;
    const requested = pages.reduce((sum, p) => sum + p.pageSize, 0);
    return { offset, items, total, short: items.length < requested };
  }
}

function startOf(
  forward: boolean,
  segment: Segment,
  from: WalkRequest["from"],
  hint: number | undefined,
): Start {
  if (!from) return forward ? { kind: "offset", pos: 0, verify: false } : { kind: "end" };
  const t = from.position.t;
  if (forward) {
    if (segment.lo > t) return { kind: "done" };
    if (segment.hi < t || hint === undefined) return { kind: "offset", pos: 0, verify: false };
    return { kind: "offset", pos: hint, verify: true };
  }
  if (segment.hi < t) return { kind: "done" };
  if (segment.lo > t || hint === undefined) return { kind: "end" };
  return { kind: "offset", pos: hint, verify: true };
}

/**
 * Walks `count` orders (plus one to learn `hasMore`) from `request.from` in the request's
 * direction. A sub-window the upstream refuses is halved (newer half first) and the walk
 * restarts with the finer partition; pages already read come back from the request's loaders.
 */
export async function walk<T>(source: WalkSource<T>, request: WalkRequest): Promise<WalkResult<T>> {
  const forward = request.direction === "forward";
  const walkOrder = forward ? compareNewestFirst : (a: SortKey, b: SortKey) => compareNewestFirst(b, a);
  const from = request.from;
  // The sub-window each cursor hint is relative to; a split keeps it valid for the newer half only.
  const hintSegments = source.families.map((family) =>
    from ? segmentsOf(source.partitions[family.group]!).find((s) => contains(s, from.position.t)) : undefined,
  );
  let partitions = source.partitions;

  for (;;) {
    const readers = source.families.map((family, f) =>
      segmentsOf(partitions[family.group]!).map((segment) => {
        const hinted = hintSegments[f];
        const hint = from?.hints[f];
        const usable =
          hinted && segment.hi === hinted.hi && hint !== undefined && hint >= 0 ? hint : undefined;
        return new StreamReader(
          { family: f, segment },
          family,
          source.fetchPage,
          walkOrder,
          forward,
          from?.position,
          startOf(forward, segment, from, usable),
        );
      }),
    );
    const all = readers.flat();
    try {
      const { edges, hasMore } = await merge(all, readers, request, walkOrder);
      const finalPartitions = partitions;
      let total: Promise<number> | undefined;
      return {
        edges,
        hasMore,
        partitions: finalPartitions,
        totalCount: () => (total ??= sumTotals(all, source.fetchPage)),
      };
    } catch (error) {
      if (!(error instanceof SplitNeeded)) throw error;
      partitions = error.apply(partitions, source.families);
    }
  }
}

/** Raised inside a merge when streams refused their sub-windows. */
class SplitNeeded extends Error {
  constructor(readonly refused: { ref: StreamRef; error: WindowTooLargeError }[]) {
    super("window split needed");
  }

  apply(partitions: Partition[], families: StreamFamily[]): Partition[] {
    const next = [...partitions];
    const done = new Set<string>();
    for (const { ref, error } of this.refused) {
      const group = families[ref.family]!.group;
      const id = `${group}:${ref.segment.hi}`;
      if (done.has(id)) continue;
      done.add(id);
      const split = splitSegment(next[group]!, ref.segment);
      if (!split) throw error.upstream; // one second is as small as a window gets
      next[group] = split;
    }
    return next;
  }
}

async function merge<T>(
  all: StreamReader<T>[],
  byFamily: StreamReader<T>[][],
  request: WalkRequest,
  walkOrder: (a: SortKey, b: SortKey) => number,
): Promise<{ edges: WalkEdge<T>[]; hasMore: boolean }> {
  const { count, stop } = request;
  const forward = request.direction === "forward";
  const edges: WalkEdge<T>[] = [];
  const beyondStop = (key: SortKey) => stop !== undefined && walkOrder(key, stop) >= 0;
  let last: SortKey | undefined;
  let hasMore = false;

  // The hints of an edge: each family's offset in its sub-window that holds the edge.
  const hintsAt = (key: SortKey) =>
    byFamily.map((readers) => readers.find((r) => contains(r.ref.segment, key.t))?.hint() ?? UNKNOWN_HINT);

  while (!hasMore) {
    // A family's later sub-windows only hold orders after its current one: read them once it runs out.
    const fronts = byFamily.flatMap(
      (readers) =>
        (forward ? readers : [...readers].reverse()).find((r) => !r.ended || r.buffer.length > 0) ?? [],
    );
    let best: StreamReader<T> | undefined;
    for (const r of fronts) {
      const head = r.buffer[0];
      if (head && (!best || walkOrder(head.key, best.buffer[0]!.key) < 0)) best = r;
    }
    const bestKey = best?.buffer[0]?.key;
    const starving = fronts.filter(
      (r) =>
        r.buffer.length === 0 &&
        !r.ended &&
        !beyondStop(r.bound()) &&
        (!bestKey || walkOrder(r.bound(), bestKey) <= 0),
    );
    if (starving.length > 0) {
      const want = count + 1 - edges.length;
      const outcomes = await Promise.allSettled(starving.map((r) => r.fill(want)));
      const refused = outcomes.flatMap((o, i) =>
        o.status === "rejected" && o.reason instanceof WindowTooLargeError
          ? [{ ref: starving[i]!.ref, error: o.reason }]
          : [],
      );
      const failure = outcomes.find(
        (o) => o.status === "rejected" && !(o.reason instanceof WindowTooLargeError),
      );
      if (failure) throw (failure as PromiseRejectedResult).reason;
      if (refused.length > 0) throw new SplitNeeded(refused);
      continue;
    }
    if (!best || !bestKey || beyondStop(bestKey)) break;
    if (edges.length === count) {
      hasMore = true;
      break;
    }
    // Forward hints count the edge itself as passed; backward ones are taken before it is.
    const hintsBefore = forward ? undefined : hintsAt(bestKey);
    const item = best.buffer.shift()!;
    // The same order read from two streams (its status changed between two reads of this page).
    if (last && walkOrder(item.key, last) === 0) continue;
    last = item.key;
    edges.push({ item: { key: item.key, row: item.row }, hints: hintsBefore ?? hintsAt(item.key) });
  }
  return { edges, hasMore };
}

async function sumTotals<T>(readers: StreamReader<T>[], fetchPage: FetchPage<T>): Promise<number> {
  // A sub-window the walk never read may itself be too large: count its halves instead.
  const totalOf = async (ref: StreamRef): Promise<number> => {
    try {
      return (await fetchPage(ref, 1, 1)).total;
    } catch (error) {
      const parts = error instanceof WindowTooLargeError ? halves(ref.segment) : undefined;
      if (!parts) throw error instanceof WindowTooLargeError ? error.upstream : error;
      const [newer, older] = await Promise.all(parts.map((segment) => totalOf({ ...ref, segment })));
      return newer! + older!;
    }
  };
  const totals = await Promise.all(readers.map((r) => r.total ?? totalOf(r.ref)));
  return totals.reduce((sum, t) => sum + t, 0);
}
