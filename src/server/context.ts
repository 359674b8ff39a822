// The per-operation GraphQL context: fresh loaders (over the clients' shared upstream cache, which
// `Cache-Control: no-cache` bypasses and refreshes), the request id, and whether this caller may see
// buyer personal data unmasked.
import type { IncomingHttpHeaders } from "node:http";

import type { UpstreamSources } from "../datasources/index.js";
import { createOrderLoaders } from "../datasources/loaders.js";
import type { OrdersContext } from "../orders/context.js";
import { PERSONAL_DATA_SCOPE } from "../schema/personal-data.js";
import type { PaginationSettings } from "../orders/settings.js";
import type { Config } from "./config.js";

/** What the operation log line reports; filled in while the operation runs. */
export interface OperationRecord {
  operationName: string | null;
  /** `extensions.code` of every error in the response, in order. */
  errorCodes: string[];
  upstreamCalls: number;
  upstreamFailures: number;
}

export interface ServerContext extends OrdersContext {
  operation: OperationRecord;
}

export const newOperationRecord = (): OperationRecord => ({
  operationName: null,
  errorCodes: [],
  upstreamCalls: 0,
  upstreamFailures: 0,
});

/**
 * True when masking is off, or the scope header (forwarded by the router) lists `orders:pii` among
 * its space- or comma-separated scopes.
 */
function canSeePersonalData(headers: IncomingHttpHeaders, personalData: Config["personalData"]): boolean {
  if (!personalData.masking) return true;
  const value = headers[personalData.scopeHeader];
  const text = Array.isArray(value) ? value.join(" ") : (value ?? "");
  return text.split(/[\s,]+/).includes(PERSONAL_DATA_SCOPE);
}

export interface RequestContextOptions {
  sources: UpstreamSources;
  personalData: Config["personalData"];
  /** Built once per server with `paginationSettingsFrom(config)`. */
  pagination?: PaginationSettings;
  requestId: string;
  headers: IncomingHttpHeaders;
  operation: OperationRecord;
}

/** `Cache-Control: no-cache` (or `no-store`): the caller wants what the upstream says now. */
function wantsFreshReads(headers: IncomingHttpHeaders): boolean {
  const value = headers["cache-control"];
  return /(^|[\s,])no-(cache|store)($|[\s,=])/i.test(Array.isArray(value) ? value.join(",") : (value ?? ""));
}

export function createRequestContext(options: RequestContextOptions): ServerContext {
  const fresh = wantsFreshReads(options.headers);
  return {
    loaders: createOrderLoaders(options.sources, { fresh }),
    freshReads: fresh,
    requestId: options.requestId,
    canSeePersonalData: canSeePersonalData(options.headers, options.personalData),
    operation: options.operation,
    ...(options.pagination && { pagination: options.pagination }),
  };
}
