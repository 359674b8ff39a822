import type { OrderLoaders } from "../datasources/loaders.js";
import type { PaginationSettings } from "./settings.js";

/** What every resolver receives; the server builds one per GraphQL request. */
export interface OrdersContext {
  /** Request-scoped loaders: each order or list page is fetched at most once per operation. */
  loaders: OrderLoaders;
  requestId: string;
  /** Whether the caller may see buyer personal data unmasked. */
  canSeePersonalData: boolean;
  /** Cursor secret, default window and upstream codes of the connection fields (`paginationSettingsFrom(config)`). */
  pagination?: PaginationSettings;
  /** The caller sent `Cache-Control: no-cache`: it wants the shops as they are now. */
  freshReads?: boolean;
}
