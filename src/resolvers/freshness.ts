/** Appended to the description of every field that reads orders: how old its answer may be. */
export const FRESHNESS =
  " Where the deployment turns the upstream cache on (UPSTREAM_CACHE_TTL_SECONDS > 0; off by default), served from it: at most that many seconds old; send the HTTP header `Cache-Control: no-cache` to read fresh from the shops.";
