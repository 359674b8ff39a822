// The test oracle for the order every connection walks in, written from the contract and
// docs/pagination.md, not from src/pagination: newest created first (whole seconds); at the same
// second MINI_STORE before WEIXIN12315; then orderId descending as an integer. It compares ids as
// digit strings (longer is larger, then digit by digit) so it shares no arithmetic with the
// production comparator; test/pagination/sort-order.test.ts pins both to the same literal cases.

export interface ContractSortKey {
  source: "MINI_STORE" | "WEIXIN12315";
  /** Decimal digits, no leading zeros (upstream ids). */
  orderId: string;
  createdAt: Date;
}

const SOURCES_AT_A_TIE = ["MINI_STORE", "WEIXIN12315"];

const wholeSeconds = (instant: Date) => Math.floor(instant.getTime() / 1000);

/** Digit strings as non-negative integers: negative when `a` is the larger. */
function largerIdFirst(a: string, b: string): number {
  if (a.length !== b.length) return b.length - a.length;
  return a === b ? 0 : a > b ? -1 : 1;
}

/** Negative when `a` comes first, positive when `b` does, 0 for the same key. */
export function contractOrder(a: ContractSortKey, b: ContractSortKey): number {
  return (
    wholeSeconds(b.createdAt) - wholeSeconds(a.createdAt) ||
    SOURCES_AT_A_TIE.indexOf(a.source) - SOURCES_AT_A_TIE.indexOf(b.source) ||
    largerIdFirst(a.orderId, b.orderId)
  );
}

/** A sorted copy of `items`, newest first by the contract. */
export function sortNewestFirst<T>(items: readonly T[], key: (item: T) => ContractSortKey): T[] {
  return [...items].sort((x, y) => contractOrder(key(x), key(y)));
}
