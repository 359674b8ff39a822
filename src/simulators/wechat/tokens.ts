import { randomBytes } from "node:crypto";
import type { SimClock } from "../shared/clock.js";
import { WECHAT_ERRORS, type WechatError } from "./errors.js";

export interface IssuedToken {
  access_token: string;
  expires_in: number;
}

/**
 * Access tokens of one appid. The classic (`/cgi-bin/token`) and stable (`/cgi-bin/stable_token`)
 * tokens are independent lines, as on the real platform: a new token on a line leaves the previous
 * one of that line valid for the grace period only.
 */
export class TokenBook {
  private readonly expiresAt = new Map<string, number>();
  private readonly current: { classic?: string; stable?: string } = {};

  constructor(
    private readonly clock: SimClock,
    private readonly ttlSeconds: number,
    private readonly graceSeconds: number,
  ) {}

  issueClassic(): IssuedToken {
    return this.issue("classic");
  }

  /** The current stable token while it is valid (with its remaining lifetime), else a new one. */
  stable(forceRefresh: boolean): IssuedToken {
    const token = this.current.stable;
    const remainingMs = token ? this.expiresAt.get(token)! - this.nowMs() : 0;
    if (forceRefresh || !token || remainingMs <= 0) return this.issue("stable");
    return { access_token: token, expires_in: Math.ceil(remainingMs / 1000) };
  }

  /** undefined when the token may call; otherwise the error WeChat answers. */
  check(token: string | null): WechatError | undefined {
    if (!token) return WECHAT_ERRORS.tokenMissing;
    const expiresAt = this.expiresAt.get(token);
    if (expiresAt === undefined) return WECHAT_ERRORS.invalidCredential;
    return this.nowMs() >= expiresAt ? WECHAT_ERRORS.tokenExpired : undefined;
  }

  expireAll(): void {
    const now = this.nowMs();
    for (const [token, at] of this.expiresAt) this.expiresAt.set(token, Math.min(at, now));
  }

  private issue(line: "classic" | "stable"): IssuedToken {
    const now = this.nowMs();
    const previous = this.current[line];
    if (previous)
      this.expiresAt.set(previous, Math.min(this.expiresAt.get(previous)!, now + this.graceSeconds * 1000));
    // Shaped like real tokens: a numeric generation prefix and a long url-safe body.
    const token = `${line === "stable" ? 87 : 86}_${randomBytes(102).toString("base64url")}`;
    this.expiresAt.set(token, now + this.ttlSeconds * 1000);
    this.current[line] = token;
    return { access_token: token, expires_in: this.ttlSeconds };
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }
}
