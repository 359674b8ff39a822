/** Appended to the description of every field that reads orders: how old its answer may be. */
export const FRESHNESS =
  " Served from the service's upstream cache: at most UPSTREAM_CACHE_TTL_SECONDS old (default 30 s); send the HTTP header `Cache-Control: no-cache` to read fresh from the shops.";
