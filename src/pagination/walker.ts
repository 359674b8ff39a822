// The stream walker: a k-way merge of page-numbered upstream streams into one keyset-ordered
// walk. Positions are keys (exact under change); upstream offsets are only hints, checked on every
// read against the row just outside the hinted offset, with a widening re-seek when they moved.
import { newReadRound, readRoundTime } from "../shared/read-round.js";
import { compareNewestFirst, ID_CEILING, type SortKey } from "./sort-key.js";
import { blocksCovering, pagesCovering } from "./upstream-pages.js";
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
  /**
   * The round of reads the page was read in (reads made together: one moment of the upstream), when
   * it may come from a cache; undefined when it was read just now for this walk alone.
   */
  round?: string | undefined;
}

/** How a page read may use stored blocks: `fresh` reads from upstream and stores under `round`. */
export interface BlockRead {
  fresh: boolean;
  round: string | undefined;
}

/** One stream: a family's upstream filter restricted to one sub-window of its group's window. */
interface StreamRef {
  family: number;
  segment: Segment;
}

/** Reads one upstream page (1-based) of a stream. Throws `WindowTooLargeError` when the upstream refuses the sub-window. */
export type FetchPage<T> = (
  stream: StreamRef,
  page: number,
  pageSize: number,
  read?: BlockRead,
) => Promise<FetchedPage<T>>;

/**
 * Stored blocks of one page came from different rounds of reads (they may disagree), or from a round
 * older than the walk's start (it may lack orders the walk's first page saw): the page re-reads.
 */
class MixedRoundsError extends Error {
  constructor() {
    super("the stored blocks of this page were read at different moments, or before the walk started");
    this.name = "MixedRoundsError";
  }
}

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
  /**
   * Block reads: streams are read in aligned upstream pages of this size (capped by the family's
   * maximum), one block at a time, so stored blocks serve every page that needs their rows.
   * Undefined: each read asks for the page's whole need in the fewest rows (`pagesCovering`).
   */
  blockSize?: number | undefined;
  /** The request reads fresh (`Cache-Control: no-cache`): no stored block to check, one round per stream from the start. */
  fresh?: boolean | undefined;
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
  /**
   * The walk's start (Unix ms, carried by its cursors): the moment its first page's reads saw the
   * upstream. No page uses a stored read older than it. Undefined on a first page.
   */
  since?: number | undefined;
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
  /**
   * The partitions after any splits the walk needed (to remember in cursors), and, once
   * `totalCount()` has resolved, the splits counting the unread sub-windows needed too.
   */
  partitions: Partition[];
  /** Sum of the totals of every stream of the window; reads only the streams the walk did not. */
  totalCount(): Promise<number>;
  /** The walk's start: `since`, or on a first page the moment of its earliest read (now without the cache). */
  asOf: number;
}

interface Positioned<T> extends WalkItem<T> {
  offset: number;
}

/**
 * Where a stream reader stands. Offsets count the rows of the stream's sub-window, newest first.
 * States only move on: probing or verifying (re-seeking as often as needed) → anchored → ended,
 * and a read may go straight to ended.
 */
type ReaderState =
  /** Backward without a usable hint: the stream's total is unknown before a first read. */
  | { kind: "probing" }
  /**
   * Holding a cursor's offset hint not yet checked against the row just outside it (forward: the
   * hint is at least 1, a hint of 0 needs no check). `step` is the re-seek distance, doubled on
   * each miss; set by the first read.
   */
  | { kind: "verifying"; hint: number; step: number | undefined }
  /** Knows where it is: forward, the next offset to read; backward, the lowest offset read. */
  | { kind: "anchored"; frontier: number }
  /** Nothing more to read: where it stopped, or undefined for a sub-window the walk had already passed. */
  | { kind: "ended"; frontier: number | undefined };

/** The state a stream starts in, from the cursor (if any) and its hint for this sub-window. */
function initialState(
  forward: boolean,
  segment: Segment,
  from: WalkRequest["from"],
  hint: number | undefined,
): ReaderState {
  if (!from) return forward ? { kind: "anchored", frontier: 0 } : { kind: "probing" };
  const t = from.position.t;
  if (forward) {
    // A sub-window entirely newer than the position was walked; one entirely older starts at its top.
    if (segment.lo > t) return { kind: "ended", frontier: undefined };
    if (segment.hi < t || hint === undefined || hint === 0) return { kind: "anchored", frontier: 0 };
    return { kind: "verifying", hint, step: undefined };
  }
  // Backward, the mirror image: an older sub-window was walked; a newer one starts at its end.
  if (segment.hi < t) return { kind: "ended", frontier: undefined };
  if (segment.lo > t || hint === undefined) return { kind: "probing" };
  return { kind: "verifying", hint, step: undefined };
}

/**
 * Reads one stream in the walk direction, keeping the rows after the walk position in `buffer`
 * (in walk order). The two directions differ in where they read and what they check; the
 * interface, the state and the bookkeeping are shared.
 */
abstract class StreamReader<T> {
  readonly buffer: Positioned<T>[] = [];
  /** The upstream's total for the stream, once any read has returned it. */
  total: number | undefined;

  constructor(
    readonly ref: StreamRef,
    protected readonly family: StreamFamily,
    private readonly fetchPage: FetchPage<T>,
    private readonly blockSize: number | undefined,
    protected readonly walkOrder: (a: SortKey, b: SortKey) => number,
    /**
     * The walk position, then the last key admitted to the buffer: later rows must come after it.
     * Defined whenever the state is verifying (a hint only comes with a cursor).
     */
    protected last: SortKey | undefined,
    protected state: ReaderState,
  ) {}

  get ended(): boolean {
    return this.state.kind === "ended";
  }

  get blockReads(): boolean {
    return this.blockSize !== undefined;
  }

  /** The earliest key (in walk order) the next unread row could have. */
  bound(): SortKey {
    const edge = this.segmentEdge();
    return this.last && this.walkOrder(this.last, edge) > 0 ? this.last : edge;
  }

  /** Offset of the first row after the edge being emitted, in newest-first order: the edge's offset hint. */
  hint(): number {
    const head = this.buffer[0];
    if (head) return this.offsetAfter(head);
    switch (this.state.kind) {
      case "anchored":
        return this.state.frontier;
      case "ended":
        return this.state.frontier ?? UNKNOWN_HINT;
      case "verifying":
        return this.state.hint;
      case "probing":
        return UNKNOWN_HINT;
    }
  }

  /** Reads until the buffer holds a row or the stream is exhausted; `want` sizes the reads. */
  async fill(want: number): Promise<void> {
    while (this.buffer.length === 0 && !this.ended) await this.advance(want);
  }

  /** The key bounding the sub-window on the side the walk enters it from. */
  protected abstract segmentEdge(): SortKey;

  /** The hint that a buffered row stands for. */
  protected abstract offsetAfter(head: Positioned<T>): number;

  /** One read (or one re-seek) from the current state. */
  protected abstract advance(want: number): Promise<void>;

  /**
   * Appends rows (given in walk order) that come after everything admitted so far: the key decides,
   * so rows of the walked side that show up after a moved offset are skipped, whatever the offsets.
   */
  protected admit(items: Positioned<T>[]): void {
    for (const item of items) {
      if (this.last && this.walkOrder(item.key, this.last) <= 0) continue;
      this.buffer.push(item);
      this.last = item.key;
    }
  }

  /**
   * Rows at offsets [start, end) (and whatever else the chosen pages hold), with their offsets.
   * Page-size translation: the range is one upstream page where one covers it, else consecutive
   * pages of the family's maximum (`pagesCovering`); with block reads, the aligned blocks holding it.
   */
  protected async read(start: number, end: number) {
    const pages =
      this.blockSize === undefined
        ? pagesCovering(start, end, this.family.maxPageSize)
        : blocksCovering(start, end, Math.min(this.blockSize, this.family.maxPageSize));
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

/** Reads newest first (`first`/`after`). */
class ForwardReader<T> extends StreamReader<T> {
  protected segmentEdge(): SortKey {
    return { t: this.ref.segment.hi, rank: this.family.rank, id: ID_CEILING };
  }

  protected offsetAfter(head: Positioned<T>): number {
    return head.offset;
  }

  /**
   * Keyset, offsets as hints: a verifying read starts one row before the hint and checks that row
   * is on the walked side (at or before the position). If it is not, orders left this stream
   * before the position (status changes) and the hint is too far: re-seek back by a doubling step.
   * A steady read wants `n + 1` rows (the whole page) in one upstream call.
   */
  protected async advance(want: number): Promise<void> {
    const state = this.state;
    if (state.kind !== "verifying" && state.kind !== "anchored")
      throw new Error(`forward read while ${state.kind}`);
    const verifying = state.kind === "verifying";
    const start = verifying ? state.hint - 1 : state.frontier;
    const page = await this.read(start, start + want + (verifying ? 1 : 0));
    if (verifying) {
      const step = state.step ?? Math.max(want, 1);
      const check = page.items[0];
      if (page.offset > 0 && (!check || this.walkOrder(check.key, this.last!) > 0)) {
        const hint = Math.max(0, Math.min(page.offset, page.total) - step);
        this.state =
          hint === 0 ? { kind: "anchored", frontier: 0 } : { kind: "verifying", hint, step: step * 2 };
        return;
      }
    }
    this.admit(page.items);
    const frontier = page.offset + page.items.length;
    this.state =
      page.short || frontier >= page.total ? { kind: "ended", frontier } : { kind: "anchored", frontier };
  }
}

/** Reads oldest first (`last`/`before`): the mirror image, rows before the hint, the check row at it. */
class BackwardReader<T> extends StreamReader<T> {
  protected segmentEdge(): SortKey {
    return { t: this.ref.segment.lo, rank: this.family.rank, id: -1n };
  }

  protected offsetAfter(head: Positioned<T>): number {
    return head.offset + 1;
  }

  /**
   * Probing: the first backward read without a hint learns the stream's total from `n + 1` rows
   * (a longer stream costs a second read of its tail). Verifying: the read ends at the row at the
   * hint and checks it is at or after the position; if it is not, orders entered this stream
   * before the position and the hint is too near: re-seek forward by a doubling step.
   */
  protected async advance(want: number): Promise<void> {
    const state = this.state;
    if (state.kind === "probing") {
      const probe = await this.read(0, want);
      if (probe.short || probe.items.length >= probe.total) {
        this.admit([...probe.items].reverse());
        this.state = { kind: "ended", frontier: 0 };
      } else {
        this.state = { kind: "anchored", frontier: probe.total };
      }
      return;
    }
    if (state.kind === "ended") return;
    const verifying = state.kind === "verifying";
    const end = verifying ? state.hint + 1 : state.frontier;
    if (end === 0) {
      this.state = { kind: "ended", frontier: 0 };
      return;
    }
    const page = await this.read(Math.max(0, end - want - (verifying ? 1 : 0)), end);
    const readEnd = page.offset + page.items.length;
    if (verifying) {
      const step = state.step ?? Math.max(want, 1);
      const check = page.items.at(-1);
      if (check && this.walkOrder(check.key, this.last!) > 0 && readEnd < page.total) {
        this.state = { kind: "verifying", hint: Math.min(page.total, readEnd - 1 + step), step: step * 2 };
        return;
      }
      if (page.items.length === 0) {
        this.state = { kind: "anchored", frontier: Math.min(page.offset, page.total) };
        return;
      }
    }
    this.admit([...page.items].reverse());
    this.state =
      page.offset === 0 ? { kind: "ended", frontier: 0 } : { kind: "anchored", frontier: page.offset };
  }
}

/**
 * Walks `count` orders (plus one to learn `hasMore`) from `request.from` in the request's
 * direction. Windows the upstream refuses (WeChat -31042/-31043): the refused sub-window is halved
 * (the newer half first) and the page restarts with the finer partition; pages already read come
 * back from the request's loaders, and the split travels in every cursor the page issues.
 *
 * Stored blocks (block reads with a cache) are stitched only when they agree: a page uses stored
 * blocks of a partition group only if all of them come from one round of reads (one moment of the
 * upstream, where no order can fall between two blocks or two statuses) no older than the walk's
 * start. Otherwise, or when a block is missing, the page restarts reading fresh (each stream's whole
 * need at once, so one round again) and stores those reads.
 */
export async function walk<T>(source: WalkSource<T>, request: WalkRequest): Promise<WalkResult<T>> {
  const forward = request.direction === "forward";
  const walkOrder = forward ? compareNewestFirst : (a: SortKey, b: SortKey) => compareNewestFirst(b, a);
  const from = request.from;
  // The sub-window each cursor hint is relative to; a split keeps it valid for the newer half only.
  const hintSegments = source.families.map((family) =>
    from ? segmentsOf(source.partitions[family.group]!).find((s) => contains(s, from.position.t)) : undefined,
  );
  const Reader = forward ? ForwardReader : BackwardReader;
  let partitions = source.partitions;
  let fresh = source.fresh ?? false;
  const startedAt = Date.now();
  // A first page reads what it needs (stored and shared as such: the same first page for anyone in
  // the freshness period); blocks start with the second page, which only a walk reads.
  const blockSize = from ? source.blockSize : undefined;

  for (;;) {
    const rounds = new RoundKeeper(source, fresh, request.since);
    const readers = source.families.map((family, f) =>
      segmentsOf(partitions[family.group]!).map((segment) => {
        const hinted = hintSegments[f];
        const hint = from?.hints[f];
        const usable =
          hinted && segment.hi === hinted.hi && hint !== undefined && hint >= 0 ? hint : undefined;
        return new Reader<T>(
          { family: f, segment },
          family,
          rounds.fetchPage,
          blockSize,
          walkOrder,
          from?.position,
          initialState(forward, segment, from, usable),
        );
      }),
    );
    const all = readers.flat();
    const outcome = await merge(all, readers, request, walkOrder, rounds);
    if (outcome.kind === "split") {
      partitions = split(partitions, source.families, outcome.refused);
      continue;
    }
    if (outcome.kind === "mixed") {
      fresh = true;
      continue;
    }
    let total: Promise<number> | undefined;
    const result: WalkResult<T> = {
      edges: outcome.edges,
      hasMore: outcome.hasMore,
      partitions,
      asOf: request.since ?? Math.min(rounds.earliest, startedAt),
      totalCount: () =>
        (total ??= sumTotals(all, rounds.fetchTotal, (ref) => {
          result.partitions = split(result.partitions, source.families, [ref]);
        })),
    };
    return result;
  }
}

/**
 * The reads of one attempt at a page. Each step of the merge (reads issued together) is a round of
 * its own: what it reads from upstream (fresh, or a block not stored) is stored under it. Using
 * stored blocks, each partition group's blocks must come from one round, no older than `since`.
 */
class RoundKeeper<T> {
  private readonly seen = new Map<number, string>();
  private round: string | undefined;
  /** The moment of the earliest round this attempt used (Infinity while none: no cache, no reads). */
  earliest = Number.POSITIVE_INFINITY;

  constructor(
    private readonly source: WalkSource<T>,
    readonly fresh: boolean,
    private readonly since: number | undefined,
  ) {}

  /** Reads issued together from here on are one round. */
  nextStep(): void {
    this.round = newReadRound();
  }

  readonly fetchPage: FetchPage<T> = async (ref, page, pageSize) => {
    const result = await this.source.fetchPage(ref, page, pageSize, { fresh: this.fresh, round: this.round });
    if (result.round === undefined) return result;
    const at = readRoundTime(result.round);
    if (!this.fresh) {
      // NaN (a round id of another format) fails the comparison too.
      if (!(at >= (this.since ?? Number.NEGATIVE_INFINITY))) throw new MixedRoundsError();
      const group = this.source.families[ref.family]!.group;
      const seen = this.seen.get(group);
      if (seen === undefined) this.seen.set(group, result.round);
      else if (seen !== result.round) throw new MixedRoundsError();
    }
    this.earliest = Math.min(this.earliest, at);
    return result;
  };

  /** Totals need no agreement between streams (each is one stream's own count). */
  readonly fetchTotal: FetchPage<T> = (ref, page, pageSize) =>
    this.source.fetchPage(ref, page, pageSize, { fresh: this.fresh, round: this.round });
}

/** Streams whose upstream refused their sub-window during a merge. */
type Refused = { ref: StreamRef; error: WindowTooLargeError }[];

/**
 * The partitions with every refused sub-window halved (once: a sub-window already halved, by an
 * earlier refusal of another stream of its group, is left alone; the newer half keeps the upper
 * bound). A one-second window that is still refused fails with the upstream error.
 */
function split(partitions: Partition[], families: StreamFamily[], refused: Refused): Partition[] {
  const next = [...partitions];
  for (const { ref, error } of refused) {
    const group = families[ref.family]!.group;
    const current = segmentsOf(next[group]!).some((s) => s.lo === ref.segment.lo && s.hi === ref.segment.hi);
    if (!current) continue;
    const halved = splitSegment(next[group]!, ref.segment);
    if (!halved) throw error.upstream; // one second is as small as a window gets
    next[group] = halved;
  }
  return next;
}

type MergeOutcome<T> =
  | { kind: "page"; edges: WalkEdge<T>[]; hasMore: boolean }
  | { kind: "split"; refused: Refused }
  | { kind: "mixed" };

/**
 * The page: a k-way merge of the streams by key, taking `count + 1` orders (the extra one answers
 * `hasMore`). A family's older sub-windows are read only when its current one runs out and the
 * merge could need them (lazily, by sub-window). The same order read from two streams within one
 * page (its status changed between the two reads) is emitted once.
 */
async function merge<T>(
  all: StreamReader<T>[],
  byFamily: StreamReader<T>[][],
  request: WalkRequest,
  walkOrder: (a: SortKey, b: SortKey) => number,
  rounds: RoundKeeper<T>,
): Promise<MergeOutcome<T>> {
  const { count, stop } = request;
  const forward = request.direction === "forward";
  const blocks = all.some((r) => r.blockReads);
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
      // Using stored blocks, one block at a time: a stream reads on only when the merge used its rows
      // up. Reading fresh (and without blocks), the page's whole need at once: one round per stream.
      const want = blocks && !rounds.fresh ? 1 : count + 1 - edges.length;
      rounds.nextStep();
      const outcomes = await Promise.allSettled(starving.map((r) => r.fill(want)));
      const refused = outcomes.flatMap((o, i) =>
        o.status === "rejected" && o.reason instanceof WindowTooLargeError
          ? [{ ref: starving[i]!.ref, error: o.reason }]
          : [],
      );
      const failure = outcomes.find(
        (o) =>
          o.status === "rejected" &&
          !(o.reason instanceof WindowTooLargeError) &&
          !(o.reason instanceof MixedRoundsError),
      );
      if (failure) throw (failure as PromiseRejectedResult).reason;
      if (outcomes.some((o) => o.status === "rejected" && o.reason instanceof MixedRoundsError))
        return { kind: "mixed" };
      if (refused.length > 0) return { kind: "split", refused };
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
  return { kind: "page", edges, hasMore };
}

/**
 * totalCount: the sum of the upstream totals of every stream of the window. The page's own reads
 * carry the totals of the streams it read; each other stream costs one `page_size: 1` read.
 * A sub-window the walk never read may itself be too large: its halves are counted instead, and the
 * split is reported (`splitFound`) so the page's cursors carry it and no later page asks again.
 */
async function sumTotals<T>(
  readers: StreamReader<T>[],
  fetchPage: FetchPage<T>,
  splitFound: (refused: Refused[number]) => void,
): Promise<number> {
  const totalOf = async (ref: StreamRef): Promise<number> => {
    try {
      return (await fetchPage(ref, 1, 1)).total;
    } catch (error) {
      const parts = error instanceof WindowTooLargeError ? halves(ref.segment) : undefined;
      if (!parts) throw error instanceof WindowTooLargeError ? error.upstream : error;
      splitFound({ ref, error: error as WindowTooLargeError });
      const [newer, older] = await Promise.all(parts.map((segment) => totalOf({ ...ref, segment })));
      return newer! + older!;
    }
  };
  const totals = await Promise.all(readers.map((r) => r.total ?? totalOf(r.ref)));
  return totals.reduce((sum, t) => sum + t, 0);
}
