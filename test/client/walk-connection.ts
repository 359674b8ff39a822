// Walks a connection the way a screen does: one watched query, then fetchMore with `after: endCursor`
// (or `before: startCursor` backwards) until the server says there is no further page. Returns what
// the watched query then renders: the cache's merged list.
import type { ApolloClient, OperationVariables, TypedDocumentNode } from "@apollo/client";
import { filter, firstValueFrom } from "rxjs";

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface ConnectionWalk<TData> {
  data: TData;
  /** Requests made: the first page plus every fetchMore. */
  requests: number;
}

const DIRECTIONS = {
  forward: { more: "hasNextPage", cursor: "endCursor", argument: "after" },
  backward: { more: "hasPreviousPage", cursor: "startCursor", argument: "before" },
} as const;

export async function walkConnection<TData, TVariables extends OperationVariables>(
  client: ApolloClient,
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  pageInfoOf: (data: TData) => PageInfo,
  direction: keyof typeof DIRECTIONS = "forward",
): Promise<ConnectionWalk<TData>> {
  const { more, cursor, argument } = DIRECTIONS[direction];
  const watched = client.watchQuery({ query, variables });
  // The next complete result whose page position satisfies `done` (an error ends the wait too).
  const rendered = async (done: (pageInfo: PageInfo) => boolean) => {
    const result = await firstValueFrom(
      watched.pipe(
        filter((r) => !!r.error || (r.dataState === "complete" && done(pageInfoOf(r.data as TData)))),
      ),
    );
    if (result.error) throw result.error;
    return result.data as TData;
  };
  // An ObservableQuery runs while subscribed, and replays its latest result to later subscribers.
  const subscription = watched.subscribe(() => {});
  try {
    let data = await rendered(() => true);
    let requests = 1;
    while (pageInfoOf(data)[more]) {
      const position = pageInfoOf(data)[cursor];
      if (position === null) throw new Error(`request ${requests} says there is more but has no ${cursor}`);
      const page = await watched.fetchMore({ variables: { [argument]: position } as Partial<TVariables> });
      if (page.error) throw page.error;
      const fetched = pageInfoOf(page.data as TData);
      // fetchMore resolves before the merged list is rendered; wait until it shows this page.
      data = await rendered(
        (merged) => merged[more] === fetched[more] && merged[cursor] === (fetched[cursor] ?? position),
      );
      requests += 1;
    }
    return { data, requests };
  } finally {
    subscription.unsubscribe();
  }
}
