// Settings that are allowed but worth a line in the log at start-up.
import type { WechatTokenMode } from "../datasources/wechat/auth.js";

export interface WarningFacts {
  production: boolean;
  demoMode: boolean;
  /** Demo mode is on although upstream credentials are set. */
  credentialsIgnored: boolean;
  /** The WeChat token mode in force, when WeChat is configured. */
  wechatTokenMode: WechatTokenMode | undefined;
}

/** `raw`: the variables as set (before defaults); `env`: as parsed. */
export function configWarnings(
  raw: Record<string, string>,
  env: { WECHAT_ACCESS_TOKEN?: string | undefined; ROUTER_SECRET?: string | undefined; PII_MASKING: boolean },
  facts: WarningFacts,
): string[] {
  const warnings: string[] = [];
  const mode = facts.wechatTokenMode;
  if (mode !== undefined && mode !== "static" && env.WECHAT_ACCESS_TOKEN !== undefined) {
    warnings.push(`WECHAT_ACCESS_TOKEN is ignored: WECHAT_TOKEN_MODE is ${mode}`);
  }
  if (facts.credentialsIgnored) {
    warnings.push("DEMO_MODE is on: the configured upstream credentials are ignored");
  }
  if (raw.CURSOR_SECRET === undefined) {
    warnings.push(
      "CURSOR_SECRET is not set: using a fixed development key, so cursors can be forged; set it outside development",
    );
  }
  if (facts.production && env.ROUTER_SECRET === undefined) {
    warnings.push(
      "ROUTER_SECRET is not set: /graphql accepts requests from anyone who can reach it, not only the router",
    );
  }
  if (!env.PII_MASKING)
    warnings.push("PII_MASKING is off: buyer personal data is served unmasked to every caller");
  return warnings;
}
