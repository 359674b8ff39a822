// Readiness: can this replica serve orders right now? Each configured source must have a closed
// breaker and pass its own check (WeChat: a token can be had; weixin12315: a signed call succeeds).
import { UpstreamError } from "../datasources/errors.js";
import type { UpstreamSources } from "../datasources/index.js";
import type { OrderSourceName } from "../shared/order-source.js";

interface SourceReadiness {
  ok: boolean;
  configured: boolean;
  breaker?: string;
  error?: { code: string; message: string };
}

export interface ReadinessReport {
  ready: boolean;
  checks: {
    config: { ok: true; mode: "demo" | "upstream" };
  } & Record<OrderSourceName, SourceReadiness>;
}

class ReadinessTimeout extends Error {}

interface ReadinessTarget {
  breakerState(): string;
  checkReady(): Promise<void>;
}

async function checkSource(client: ReadinessTarget | undefined, timeoutMs: number): Promise<SourceReadiness> {
  if (!client) return { ok: true, configured: false };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.checkReady(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new ReadinessTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, configured: true, breaker: client.breakerState() };
  } catch (error) {
    // /ready is public: upstream error messages are written to be shown; anything else is summarised.
    const detail =
      error instanceof UpstreamError
        ? { code: error.code, message: error.message }
        : error instanceof ReadinessTimeout
          ? { code: "TIMEOUT", message: error.message }
          : { code: "NOT_READY", message: "the readiness check failed unexpectedly" };
    return { ok: false, configured: true, breaker: client.breakerState(), error: detail };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs both sources' checks concurrently; `ready` only when every configured source is. */
export async function checkReadiness(
  sources: UpstreamSources,
  options: { demoMode: boolean; timeoutMs: number },
): Promise<ReadinessReport> {
  const [miniStore, weixin12315] = await Promise.all([
    checkSource(sources.miniStore, options.timeoutMs),
    checkSource(sources.weixin12315, options.timeoutMs),
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
