// `npm run simulators`: both upstream simulators on fixed ports until Ctrl-C (or SIGTERM).
import { ConfigError } from "../shared/env-variables.js";
import { loadSimulatorSettings, type SimulatorSettings } from "./settings.js";
import { startSimulators } from "./index.js";

async function main(settings: SimulatorSettings): Promise<void> {
  const simulators = await startSimulators({
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.orderCount !== undefined ? { orderCount: settings.orderCount } : {}),
    wechat: settings.wechat,
    weixin12315: settings.weixin12315,
  });
  console.log(
    [
      "Upstream simulators are running (admin API under /__sim/, see docs/simulators.md):",
      "",
      `  WeChat Mini Store  ${simulators.wechat.url}`,
      `    appid   ${settings.wechat.appid}`,
      `    secret  ${settings.wechat.secret}`,
      "",
      `  weixin12315 mall   ${simulators.weixin12315.url}`,
      `    app id      ${settings.weixin12315.appId}`,
      `    app secret  ${settings.weixin12315.appSecret}`,
      "",
      "Point the subgraph at them with:",
      `  WECHAT_API_BASE=${simulators.wechat.url} WECHAT_APPID=${settings.wechat.appid} WECHAT_SECRET=${settings.wechat.secret} \\`,
      `  WX12315_API_BASE=${simulators.weixin12315.url} WX12315_APP_ID=${settings.weixin12315.appId} WX12315_APP_SECRET=${settings.weixin12315.appSecret} npm start`,
      "",
      "Ctrl-C stops them.",
    ].join("\n"),
  );

  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping the simulators`);
    simulators.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

try {
  await main(loadSimulatorSettings(process.env));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
