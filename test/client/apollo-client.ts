// The Apollo Client setup a back-office frontend uses against this subgraph (docs/frontend.md quotes it).
import {
  ApolloClient,
  HttpLink,
  InMemoryCache,
  type FieldMergeFunction,
  type StoreObject,
} from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

import introspection from "../../examples/__generated__/possible-types.js";

// Product lines have no id: merge the list's and the detail page's selections line by line
// instead of letting the later query replace the earlier one's fields.
const mergeProductLines: FieldMergeFunction<StoreObject[]> = (existing, incoming, { mergeObjects }) =>
  existing?.length === incoming.length
    ? incoming.map((line, i) => mergeObjects(existing[i]!, line))
    : incoming;

export function createOrdersCache(): InMemoryCache {
  return new InMemoryCache({
    // Generated. Without it `... on OrderCommon` / `... on MiniStoreOrder` never match: rows keep only __typename.
    possibleTypes: introspection.possibleTypes,
    typePolicies: {
      Query: {
        fields: {
          // One cached list per filter; fetchMore pages (after/before) are merged into it.
          orders: relayStylePagination(["filter"]),
          miniStoreOrders: relayStylePagination(["filter"]),
          weixin12315Orders: relayStylePagination(["filter"]),
        },
      },
      // Orders normalize by `id` (`MiniStoreOrder:<id>`, `Weixin12315Order:<id>`) out of the box. Objects
      // without an id that two queries select differently need a merge, or the later query replaces
      // the earlier one's fields: the WeChat tab and the detail page both ask for parts of priceInfo.
      MiniStorePriceInfo: { merge: true },
      // A policy on an interface applies to its members (through possibleTypes).
      OrderCommon: { fields: { products: { merge: mergeProductLines } } },
    },
  });
}

export interface OrdersClientOptions {
  /** The subgraph's (or the router's) GraphQL endpoint. */
  uri: string;
  /** Extra request headers, e.g. the scope header carrying `orders:pii`. */
  headers?: Record<string, string>;
}

export function createOrdersClient({ uri, headers }: OrdersClientOptions): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri, fetch, ...(headers ? { headers } : {}) }),
    cache: createOrdersCache(),
  });
}
