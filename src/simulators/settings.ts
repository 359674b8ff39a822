// The simulators' own settings: credentials they accept and ports they listen on, read from the
// environment by `npm run simulators`, and by the service's config for demo mode.
import { z } from "zod";

import { ConfigError, credential, integer, issuesOf, present, type Env } from "../shared/env-variables.js";

/** Credentials and ports of the simulators (`npm run simulators`, and demo mode with ephemeral ports). */
export interface SimulatorSettings {
  /** Seed and size of the generated order books (simulator defaults when unset). */
  seed?: number;
  orderCount?: number;
  wechat: { appid: string; secret: string; port: number };
  weixin12315: { appId: string; appSecret: string; port: number };
}

/** Demo credentials of the simulators (documented in .env.example; not secrets of anything real). */
export const SIMULATOR_DEFAULTS = {
  SIM_WECHAT_APPID: "wxd3m0000000000001",
  SIM_WECHAT_SECRET: "demo-wechat-secret",
  SIM_WX12315_APP_ID: "demo12315app",
  SIM_WX12315_APP_SECRET: "demo-12315-secret",
  WECHAT_SIM_PORT: 4101,
  WX12315_SIM_PORT: 4102,
} as const;

/** The variables the simulators read (the service's config schema includes them). */
export const simulatorEnvShape = {
  SIM_WECHAT_APPID: credential(),
  SIM_WECHAT_SECRET: credential(),
  SIM_WX12315_APP_ID: credential(),
  SIM_WX12315_APP_SECRET: credential(),
  WECHAT_SIM_PORT: integer(0, 65535),
  WX12315_SIM_PORT: integer(0, 65535),
  SIM_SEED: integer(0, 2 ** 31 - 1),
  SIM_ORDER_COUNT: integer(0, 1_000_000),
};

const simulatorEnv = z.object(simulatorEnvShape);
type SimulatorEnv = z.infer<typeof simulatorEnv>;

/** Simulator credentials and ports; `npm run simulators` needs only these. */
export function loadSimulatorSettings(env: Env): SimulatorSettings {
  const parsed = simulatorEnv.safeParse(present(env, simulatorEnvShape));
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error));
  return simulatorSettings(parsed.data);
}

/** The settings of parsed variables, defaults applied. */
export function simulatorSettings(env: SimulatorEnv): SimulatorSettings {
  return {
    ...(env.SIM_SEED !== undefined ? { seed: env.SIM_SEED } : {}),
    ...(env.SIM_ORDER_COUNT !== undefined ? { orderCount: env.SIM_ORDER_COUNT } : {}),
    wechat: {
      appid: env.SIM_WECHAT_APPID ?? SIMULATOR_DEFAULTS.SIM_WECHAT_APPID,
      secret: env.SIM_WECHAT_SECRET ?? SIMULATOR_DEFAULTS.SIM_WECHAT_SECRET,
      port: env.WECHAT_SIM_PORT ?? SIMULATOR_DEFAULTS.WECHAT_SIM_PORT,
    },
    weixin12315: {
      appId: env.SIM_WX12315_APP_ID ?? SIMULATOR_DEFAULTS.SIM_WX12315_APP_ID,
      appSecret: env.SIM_WX12315_APP_SECRET ?? SIMULATOR_DEFAULTS.SIM_WX12315_APP_SECRET,
      port: env.WX12315_SIM_PORT ?? SIMULATOR_DEFAULTS.WX12315_SIM_PORT,
    },
  };
}
