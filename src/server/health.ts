// Readiness: can this replica serve orders right now? Each configured source must have a closed
// breaker and have proven itself: by a call that succeeded within the proof window (user traffic or an
// earlier probe, so repeated probes cost no quota), or else by its own check (WeChat: a token can be
// had; weixin12315: a signed call succeeds). Probes skip the queue for upstream call slots: readiness
// never waits behind user work.
import { UpstreamError } from "../datasources/errors.js";
import type { UpstreamSources } from "../datasources/index.js";
import type { OrderSourceName } from "../shared/order-source.js";

interface SourceReadiness {
  ok: boolean;
  configured: boolean;
  breaker?: string;
  /** What proved the source healthy: a call within the proof window, or this probe. */
  proof?: "recent-call" | "probe";
  /** The probe was refused for quota (the budget, or WeChat's per-minute quota): the source is up, just rationed. */
  rationed?: { code: string; message: string };
  error?: { code: string; message: string };
}

export interface ReadinessReport {
  ready: boolean;
  checks: {
    config: { ok: true; mode: "demo" | "upstream" };
  } & Record<OrderSourceName, SourceReadiness>;
}

export interface ReadinessOptions {
  demoMode: boolean;
  timeoutMs: number;
  /** A source with a successful call this recent (and none unavailable since) is not probed again. */
  proofWindowMs: number;
}

class ReadinessTimeout extends Error {}

interface ReadinessTarget {
  breakerState(): string;
  provenHealthyWithin(windowMs: number): boolean;
  checkReady(): Promise<void>;
}

async function checkSource(
  client: ReadinessTarget | undefined,
  { timeoutMs, proofWindowMs }: ReadinessOptions,
): Promise<SourceReadiness> {
  if (!client) return { ok: true, configured: false };
  if (client.breakerState() === "closed" && client.provenHealthyWithin(proofWindowMs)) {
    return { ok: true, configured: true, breaker: "closed", proof: "recent-call" };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.checkReady(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new ReadinessTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, configured: true, breaker: client.breakerState(), proof: "probe" };
  } catch (error) {
    // /ready is public: upstream error messages are written to be shown; anything else is summarised.
    const detail =
      error instanceof UpstreamError
        ? { code: error.code, message: error.message }
        : error instanceof ReadinessTimeout
          ? { code: "TIMEOUT", message: error.message }
          : { code: "NOT_READY", message: "the readiness check failed unexpectedly" };
    // Quota is the fleet's, not this replica's: taking it out of service would not make the quota last longer.
    if (detail.code === "UPSTREAM_RATE_LIMITED") {
      return { ok: true, configured: true, breaker: client.breakerState(), rationed: detail };
    }
    return { ok: false, configured: true, breaker: client.breakerState(), error: detail };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs both sources' checks concurrently; `ready` only when every configured source is. */
export async function checkReadiness(
  sources: UpstreamSources,
  options: ReadinessOptions,
): Promise<ReadinessReport> {
  const [miniStore, weixin12315] = await Promise.all([
    checkSource(sources.miniStore, options),
    checkSource(sources.weixin12315, options),
  ]);
  return {
    ready: miniStore.ok && weixin12315.ok,
    checks: {
      config: { ok: true, mode: options.demoMode ? "demo" : "upstream" },
      MINI_STORE: miniStore,
      WEIXIN12315: weixin12315,
    },
  };
}
