/** Appended to the description of every field that reads orders: how old its answer may be. */
export const FRESHNESS =
  " Answers may be up to the service's upstream cache freshness old (UPSTREAM_CACHE_TTL_SECONDS, default 30 s); a request with the HTTP header `Cache-Control: no-cache` reads fresh from the shops.";
