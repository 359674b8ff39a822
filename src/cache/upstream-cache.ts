// The upstream read cache: a read whose exact parameters were read within the freshness window is
// served from the store (memory or Redis) at no upstream cost; identical reads in flight at the
// same moment are made once (single-flight, also with the store off). Keys are built by the
// datasources from the credential identity and the exact upstream parameters, never a token.
import { newReadRound } from "../shared/read-round.js";
import { recordCacheRequest, type CacheKind } from "../telemetry/index.js";
import type { ResponseStore, StoredRead } from "./response-store.js";
import { SingleFlight } from "./single-flight.js";

/** How one read may use the cache. */
export interface CachePolicy {
  /** Read from upstream even when a fresh copy is stored (`Cache-Control: no-cache`, a re-read); the result is stored. */
  fresh: boolean;
  /** Round to store fresh reads under (reads made together); default: a round of their own. */
  round?: string | undefined;
}

/** A read's body and the round it was made in (undefined when nothing is stored: no coherence to keep). */
export interface CachedBody {
  body: string;
  round: string | undefined;
}

/** What a fetch from upstream yields: its body, and other entries the same response fills (its orders). */
export interface FetchedBody {
  body: string;
  related: readonly (readonly [string, string])[];
  /** Heap the reader keeps beside the stored body while it is stored (its decoded value), in bytes. */
  decodedBytes?: number;
}

export class UpstreamCache {
  private readonly flights = new SingleFlight<CachedBody>();

  constructor(
    /** Undefined when the freshness is 0: only single-flight remains. */
    private readonly store: ResponseStore | undefined,
    private readonly ttlSeconds: number,
  ) {}

  /** `key`'s body: stored and fresh unless the policy says fresh, else fetched (once for all callers in flight) and stored. */
  async read(
    kind: CacheKind,
    key: string,
    policy: CachePolicy,
    fetch: () => Promise<FetchedBody>,
  ): Promise<CachedBody> {
    if (this.store && !policy.fresh) {
      const stored = await this.store.get(key);
      recordCacheRequest(kind, stored ? "hit" : "miss");
      if (stored) return stored;
    } else if (this.store) {
      recordCacheRequest(kind, "bypass");
    }
    return this.flights.run(key, async () => {
      const { body, related, decodedBytes } = await fetch();
      if (!this.store) return { body, round: undefined };
      const read: StoredRead = { body, round: policy.round ?? newReadRound(), decodedBytes };
      const entries = [
        [key, read] as const,
        ...related.map(([k, b]) => [k, { body: b, round: read.round }] as const),
      ];
      await this.store.set(entries, this.ttlSeconds);
      return read;
    });
  }

  close(): Promise<void> {
    return this.store?.close() ?? Promise.resolve();
  }
}
