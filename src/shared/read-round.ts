// A round of upstream reads: reads made together, so at one moment of the upstream. Its id starts
// with that moment (Unix ms, this server's clock; replicas are assumed NTP-synchronised), so a walk
// can tell a stored read older than its own start from a newer one without another lookup.
import { randomUUID } from "node:crypto";

/** A new round id, minted just before its reads are sent (a lower bound of the moment they see). */
export const newReadRound = (now: number = Date.now()): string => `${now}.${randomUUID()}`;

/** The moment a round was minted; NaN for an id of another format (treat it as too old to use). */
export function readRoundTime(round: string): number {
  const dot = round.indexOf(".");
  return dot > 0 ? Number(round.slice(0, dot)) : Number.NaN;
}
