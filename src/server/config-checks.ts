// Configuration problems that involve more than one variable. Checked on the presence of the raw
// text, so they are reported together with every parse problem, in one start-up message.

/** Problems that involve more than one variable; checked on presence so they show up with the rest. */
export function crossChecks(
  raw: Record<string, string>,
  production: boolean,
  demo: boolean | undefined,
): string[] {
  const problems: string[] = [];
  const has = (key: string) => raw[key] !== undefined;
  const pair = (a: string, b: string) => {
    if (has(a) !== has(b))
      problems.push(`${has(a) ? b : a}: required when ${has(a) ? a : b} is set (they go together)`);
  };
  pair("WECHAT_APPID", "WECHAT_SECRET");
  pair("WX12315_APP_ID", "WX12315_APP_SECRET");
  const metricsPort = Number(raw.METRICS_PORT ?? 0);
  if (metricsPort !== 0 && metricsPort === Number(raw.PORT ?? 4000)) {
    problems.push("METRICS_PORT: must differ from PORT (metrics are never served on the GraphQL port)");
  }

  const mode = raw.WECHAT_TOKEN_MODE?.toLowerCase();
  if (mode === "static" && !has("WECHAT_ACCESS_TOKEN")) {
    problems.push("WECHAT_ACCESS_TOKEN: required when WECHAT_TOKEN_MODE is static");
  }
  if ((mode === "stable" || mode === "classic") && !(has("WECHAT_APPID") && has("WECHAT_SECRET"))) {
    problems.push(`WECHAT_APPID/WECHAT_SECRET: required when WECHAT_TOKEN_MODE is ${mode}`);
  }

  const anyCredentials = [
    "WECHAT_APPID",
    "WECHAT_SECRET",
    "WECHAT_ACCESS_TOKEN",
    "WX12315_APP_ID",
    "WX12315_APP_SECRET",
  ].some(has);
  if (!anyCredentials && demo === false) {
    problems.push(
      "DEMO_MODE: is off but no upstream credentials are set (WECHAT_APPID/WECHAT_SECRET, WECHAT_ACCESS_TOKEN, WX12315_APP_ID/WX12315_APP_SECRET)",
    );
  }
  if (production) {
    if (!has("CURSOR_SECRET"))
      problems.push("CURSOR_SECRET: required in production (at least 32 random characters)");
    if (!anyCredentials && demo === undefined) {
      problems.push(
        "WECHAT_*/WX12315_*: no upstream credentials in production; set them, or DEMO_MODE=on to serve the in-process simulators",
      );
    }
  }
  return problems;
}
