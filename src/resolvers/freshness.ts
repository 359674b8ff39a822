/** Appended to the description of every field that reads orders: how old its answer may be. */
export const FRESHNESS =
  " Served from the service's upstream cache: the shops as they were at most UPSTREAM_CACHE_TTL_SECONDS ago (default 30 s; orders created since included); send the HTTP header `Cache-Control: no-cache` to read fresh from the shops.";
