// Relay connection arguments → a walk → edges with cursors. A field's plan (the application layer's
// `orders/plans/`) only says which streams a snapshot reads; everything else is shared by the fields.
import { badUserInput } from "../shared/bad-user-input.js";
import type { CursorBinding, CursorCodec, CursorState } from "./cursor-codec.js";
import { toSeconds, wholePartition, type Partition, type Segment } from "./time-window.js";
import { walk, type FetchPage, type StreamFamily } from "./walker.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

/** What a walk is a snapshot of: the instant its window was pinned and the default window length then. */
export interface Snapshot {
  pinnedAt: number;
  windowDays: number;
}

/** The streams a connection plan reads for a given snapshot; they yield rows of type `R`. */
export interface StreamSet<R> {
  families: StreamFamily[];
  /** Per partition group: the window its families read (empty when lo > hi). */
  windows: Segment[];
  fetchPage: FetchPage<R>;
}

/** The plan of one connection field for one filter: its streams yield rows `R`, its edges hold nodes `T`. */
export interface ConnectionPlan<T, R = T> {
  /** The field and normalized filter cursors are bound to. */
  binding: CursorBinding;
  streams(snapshot: Snapshot): StreamSet<R>;
  /**
   * The node of a row the page returns. A page reads many more rows than it returns, so rows stay
   * as the lists gave them (key checked) and only the returned ones are validated and mapped here.
   */
  node(row: R): T;
}

export interface PaginationContext {
  codec: CursorCodec;
  defaultWindowDays: number;
  now(): Date;
  /** Block reads (with the upstream cache): streams are read in aligned blocks of this many rows. */
  blockSize?: number | undefined;
  /**
   * With the upstream cache: a first page (unless `freshReads`) pins its window at `now` rounded down to a multiple of this
   * many seconds (the cache's freshness), so first pages opened within one period ask the upstream
   * the same thing and share its answers; an order created since shows from the next period, as
   * fresh as the cache promises.
   */
  pinGridSeconds?: number | undefined;
  /** The request reads fresh from upstream (`Cache-Control: no-cache`). */
  freshReads?: boolean | undefined;
}

export interface PageInfoValue {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface ConnectionPage<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfoValue;
  /** Sum of the upstream totals of the window's streams (read lazily: only when asked for). */
  totalCount(): Promise<number>;
}

function pageSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`\`${name}\` must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${value}.`);
  }
  return value;
}

/** Direction and size of the requested page; rejects what Relay and the contract do not allow. */
export function readPageArgs(args: ConnectionArgs): { direction: "forward" | "backward"; count: number } {
  const { first, last } = args;
  if (first != null && last != null) {
    throw badUserInput("Pass either `first` (walk forward) or `last` (walk backward), not both.");
  }
  if (last != null) return { direction: "backward", count: pageSize("last", last) };
  return { direction: "forward", count: first == null ? DEFAULT_PAGE_SIZE : pageSize("first", first) };
}

/** The cursor's remembered splits as partitions of the current windows, or an error if they cannot be. */
function partitionsOf(windows: Segment[], state: CursorState | undefined, argument: string): Partition[] {
  if (!state) return windows.map(wholePartition);
  const stale = () =>
    badUserInput(
      `\`${argument}\` no longer matches this query's time window; start again from the first page.`,
    );
  if (state.splits.length !== windows.length) throw stale();
  return windows.map((window, group) => {
    const starts = state.splits[group]!;
    const ordered = starts.every(
      (s, i) => s > window.lo && s <= window.hi && (i === 0 || s < starts[i - 1]!),
    );
    if (!ordered) throw stale();
    return { ...wholePartition(window), starts };
  });
}

/**
 * The instant a first page pins its window at: the start of the cache's current freshness period, or
 * now (no cache, or a request that reads fresh).
 */
function pinOf(context: PaginationContext): number {
  const now = toSeconds(context.now());
  const grid = context.freshReads ? undefined : context.pinGridSeconds;
  return grid ? now - (now % grid) : now;
}

/** One page of a connection: validates the arguments, walks the streams, and issues cursors. */
export async function paginate<T, R>(
  plan: ConnectionPlan<T, R>,
  args: ConnectionArgs,
  context: PaginationContext,
  withTotalCount = false,
): Promise<ConnectionPage<T>> {
  const { direction, count } = readPageArgs(args);
  const decode = (argument: "after" | "before") => {
    const text = args[argument];
    return text == null ? undefined : context.codec.decode(text, plan.binding, argument);
  };
  const after = decode("after");
  const before = decode("before");
  const forward = direction === "forward";
  const [from, stop] = forward ? [after, before] : [before, after];
  // The cursor the walk starts from (else the one it stops at) carries the snapshot.
  const anchor = from ?? stop;
  const anchorArgument = (anchor === after ? "after" : "before") as "after" | "before";
  const snapshot: Snapshot = anchor
    ? { pinnedAt: anchor.pinnedAt, windowDays: anchor.windowDays }
    : { pinnedAt: pinOf(context), windowDays: context.defaultWindowDays };

  const streams = plan.streams(snapshot);
  const result = await walk(
    {
      families: streams.families,
      partitions: partitionsOf(streams.windows, anchor, anchorArgument),
      fetchPage: streams.fetchPage,
      blockSize: context.blockSize,
      fresh: context.freshReads,
    },
    {
      direction,
      count,
      from: from && { position: from.position, hints: from.hints },
      stop: stop?.position,
      since: anchor?.asOf,
    },
  );

  // Counted first when asked for: counting may split sub-windows the walk did not read, and the
  // cursors must carry those splits too, or every later page would be refused there again.
  const total = withTotalCount ? await result.totalCount() : undefined;
  const splits = result.partitions.map((p) => p.starts);
  const edges = result.edges.map(({ item, hints }) => ({
    cursor: context.codec.encode(
      { ...snapshot, asOf: result.asOf, splits, position: item.key, hints },
      plan.binding,
    ),
    node: plan.node(item.row),
  }));
  if (!forward) edges.reverse();
  return {
    edges,
    pageInfo: {
      // Relay lets the side a walk comes from answer cheaply: there is an edge there when a cursor was given.
      hasNextPage: forward ? result.hasMore : before !== undefined,
      hasPreviousPage: forward ? after !== undefined : result.hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: total === undefined ? result.totalCount : () => Promise.resolve(total),
  };
}
