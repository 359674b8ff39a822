// Both upstream simulators together: demo mode runs them in-process on ephemeral ports, `npm run
// simulators` on fixed ones, and tests start them through the test stack.
import { SIMULATOR_DEFAULTS } from "./settings.js";
import { startWechatSimulator, type WechatSimulator, type WechatSimulatorOptions } from "./wechat/index.js";
import {
  startWeixin12315Simulator,
  type Weixin12315Simulator,
  type Weixin12315SimulatorOptions,
} from "./weixin12315/index.js";

export type { WechatSimOrder, WechatSimulator, WechatSimulatorOptions } from "./wechat/index.js";
export type {
  Weixin12315SimOrder,
  Weixin12315Simulator,
  Weixin12315SimulatorOptions,
} from "./weixin12315/index.js";

export interface StartSimulatorsOptions {
  /** Applied to both unless a simulator's own options say otherwise. */
  seed?: number;
  orderCount?: number;
  /** Default: the documented demo credentials, an ephemeral port. */
  wechat?: Partial<WechatSimulatorOptions>;
  weixin12315?: Partial<Weixin12315SimulatorOptions>;
}

export interface RunningSimulators {
  wechat: WechatSimulator;
  weixin12315: Weixin12315Simulator;
  close(): Promise<void>;
}

/** Starts the WeChat Mini Store and weixin12315 simulators on 127.0.0.1. */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const shared = {
    port: 0,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.orderCount !== undefined ? { orderCount: options.orderCount } : {}),
  };
  const wechat = await startWechatSimulator({
    appid: SIMULATOR_DEFAULTS.SIM_WECHAT_APPID,
    secret: SIMULATOR_DEFAULTS.SIM_WECHAT_SECRET,
    ...shared,
    ...options.wechat,
  });
  let weixin12315: Weixin12315Simulator;
  try {
    weixin12315 = await startWeixin12315Simulator({
      appId: SIMULATOR_DEFAULTS.SIM_WX12315_APP_ID,
      appSecret: SIMULATOR_DEFAULTS.SIM_WX12315_APP_SECRET,
      ...shared,
      ...options.weixin12315,
    });
  } catch (error) {
    await wechat.close();
    throw error;
  }
  return {
    wechat,
    weixin12315,
    close: async () => {
      await Promise.all([wechat.close(), weixin12315.close()]);
    },
  };
}
