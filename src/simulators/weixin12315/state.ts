import type { SimClock } from "../shared/clock.js";
import type { OrderStore } from "./order-store.js";
import type { OrderFactory } from "./seed-orders.js";
import type { SignatureVerifier } from "./verify-signature.js";

/** Everything the routes of one running weixin12315 simulator share. */
export interface Weixin12315SimState {
  clock: SimClock;
  store: OrderStore;
  factory: OrderFactory;
  verify: SignatureVerifier;
}
