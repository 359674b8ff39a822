// Walks a connection field over HTTP, page by page, the way a client would.
import { expect } from "vitest";

import type { GraphqlResponse, TestStack } from "../../support/stack.js";

export type ConnectionField = "orders" | "miniStoreOrders" | "weixin12315Orders";

const FILTER_TYPES: Record<ConnectionField, string> = {
  orders: "OrderFilter",
  miniStoreOrders: "MiniStoreOrderFilter",
  weixin12315Orders: "Weixin12315OrderFilter",
};

/** `totalCount` costs extra upstream reads on split windows, so it can be left out. */
export const connectionQuery = (field: ConnectionField, { totalCount = true } = {}) => `
  query Walk($filter: ${FILTER_TYPES[field]}, $first: Int, $after: String, $last: Int, $before: String) {
    page: ${field}(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      ${totalCount ? "totalCount" : ""}
      edges { cursor node { ... on OrderCommon { source orderId } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

export interface PageData {
  page: {
    totalCount: number;
    edges: { cursor: string; node: { source: string; orderId: string } }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
}

export interface Walk {
  /** Walked orders newest first ("SOURCE:orderId"), whatever the direction. */
  ids: string[];
  /** `totalCount` of every page. */
  totals: number[];
  pages: number;
}

/**
 * Follows `endCursor` (forward) or `startCursor` (backward) until the connection says there is no more.
 * `firstPageHeaders` go with the first request only (e.g. `Cache-Control: no-cache`: a walk that starts fresh).
 */
export async function walkConnection(
  stack: TestStack,
  field: ConnectionField,
  filter: Record<string, unknown>,
  direction: "forward" | "backward",
  size: number,
  between?: (page: number) => Promise<void>,
  firstPageHeaders?: Record<string, string>,
): Promise<Walk> {
  const walked: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  for (let pages = 1; ; pages += 1) {
    const variables: Record<string, unknown> =
      direction === "forward"
        ? { filter, first: size, after: cursor }
        : { filter, last: size, before: cursor };
    const response: GraphqlResponse<PageData> = await stack.graphql<PageData>(
      connectionQuery(field),
      variables,
      pages === 1 ? firstPageHeaders : undefined,
    );
    expect(response.errors).toBeUndefined();
    const { edges, pageInfo, totalCount } = response.data!.page;
    totals.push(totalCount);
    const ids = edges.map((e) => `${e.node.source}:${e.node.orderId}`);
    walked.push(...(direction === "forward" ? ids : ids.reverse()));
    const more = direction === "forward" ? pageInfo.hasNextPage : pageInfo.hasPreviousPage;
    if (!more) return { ids: direction === "forward" ? walked : walked.reverse(), totals, pages };
    expect(edges).toHaveLength(size);
    cursor = direction === "forward" ? pageInfo.endCursor : pageInfo.startCursor;
    await between?.(pages);
  }
}

/** An explicit window ending `endDaysAgo` days before `now`, `days` long, as filter values and unix seconds. */
export function windowOf(now: Date, days: number, endDaysAgo = 0) {
  const hi = Math.floor(now.getTime() / 1000) - endDaysAgo * 86_400;
  const lo = hi - days * 86_400;
  const iso = (s: number) => new Date(s * 1000).toISOString();
  return { lo, hi, after: iso(lo), before: iso(hi) };
}
