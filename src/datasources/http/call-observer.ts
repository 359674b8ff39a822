import { AsyncLocalStorage } from "node:async_hooks";

import type { OrderSourceName } from "../../shared/order-source.js";
import type { UpstreamErrorCode } from "../errors.js";

/** One logical upstream call (all its retry attempts), as reported when it settles. */
export interface UpstreamCallEvent {
  source: OrderSourceName;
  endpoint: string;
  durationMs: number;
  ok: boolean;
  code?: UpstreamErrorCode;
  upstreamCode?: string;
  attempts: number;
}

/**
 * Every upstream call (token calls included) reports to the listener of its async context, if any.
 * The server runs each GraphQL operation inside `upstreamCallObserver.run(listener, ...)` to count them.
 */
export const upstreamCallObserver = new AsyncLocalStorage<(event: UpstreamCallEvent) => void>();

/** Tells the current context's listener about a call; a throwing listener never fails the call. */
export function reportUpstreamCall(event: UpstreamCallEvent): void {
  try {
    upstreamCallObserver.getStore()?.(event);
  } catch {
    // observing must not change the outcome of the call
  }
}
