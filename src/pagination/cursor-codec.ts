// Opaque cursors: base64url(payload ‖ tag). The payload is versioned and varint-packed; the tag is
// HMAC-SHA256 (truncated to 128 bits) over the payload, the field and the normalized filter, so a
// cursor only works for the query that issued it and cannot be forged without CURSOR_SECRET.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

import { badUserInput } from "../shared/bad-user-input.js";
import type { SortKey } from "./sort-key.js";
import { ByteReader, ByteWriter } from "./varint.js";

const CURSOR_VERSION = 2;
const TAG_BYTES = 16;
const DIGEST_BYTES = 4;
const MAX_PLAUSIBLE_VERSION = 15;

const CONNECTION_FIELDS = ["orders", "miniStoreOrders", "weixin12315Orders"] as const;
type ConnectionField = (typeof CONNECTION_FIELDS)[number];

/** What a cursor is bound to: the field and its normalized filter (canonical text). */
export interface CursorBinding {
  field: ConnectionField;
  filter: string;
}

/** Where a walk stands, plus the snapshot it belongs to. */
export interface CursorState {
  /** Unix second at which the first page pinned the window. */
  pinnedAt: number;
  /** Default window length in force when the walk started. */
  windowDays: number;
  /** Unix ms: the moment the walk's first page saw the upstream (later pages use no older stored read). */
  asOf: number;
  /** Per partition group, the sub-window starts found by splitting (descending). */
  splits: number[][];
  /** Key of the edge the cursor points at. */
  position: SortKey;
  /** Per stream family: offset of the first order after `position` in its sub-window holding `position.t`; -1 if unknown. */
  hints: number[];
}

const filterDigest = (filter: string) =>
  createHash("sha256").update(filter).digest().subarray(0, DIGEST_BYTES);

export interface CursorCodec {
  encode(state: CursorState, binding: CursorBinding): string;
  /** `argument` names the GraphQL argument in error messages (`after`, `before`). */
  decode(cursor: string, binding: CursorBinding, argument: string): CursorState;
}

export function createCursorCodec(secret: string): CursorCodec {
  const tagOf = (payload: Buffer, binding: CursorBinding) =>
    createHmac("sha256", secret)
      .update(payload)
      .update(`\u0000${binding.field}\u0000${binding.filter}`)
      .digest()
      .subarray(0, TAG_BYTES);

  return {
    encode(state, binding) {
      const w = new ByteWriter()
        .raw([CURSOR_VERSION, CONNECTION_FIELDS.indexOf(binding.field)])
        .raw(filterDigest(binding.filter))
        .unsigned(state.pinnedAt)
        .unsigned(state.windowDays)
        .signed(state.pinnedAt * 1000 - state.asOf)
        .unsigned(state.splits.length);
      for (const starts of state.splits) {
        w.unsigned(starts.length);
        let previous = state.pinnedAt;
        for (const start of starts) {
          w.signed(previous - start);
          previous = start;
        }
      }
      w.signed(state.pinnedAt - state.position.t)
        .unsigned(state.position.rank)
        .unsigned(state.position.id);
      w.unsigned(state.hints.length);
      for (const hint of state.hints) w.unsigned(hint + 1); // -1 (unknown) → 0
      const payload = w.toBuffer();
      return Buffer.concat([payload, tagOf(payload, binding)]).toString("base64url");
    },

    decode(cursor, binding, argument) {
      const invalid = () =>
        badUserInput(
          `\`${argument}\` is not a valid cursor: it was not issued by this service or it was altered. ` +
            "Pass a cursor exactly as a previous page of the same query returned it, or leave it out to start from the first page.",
        );
      const bytes = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url") : Buffer.alloc(0);
      if (bytes.length < 2 + DIGEST_BYTES + TAG_BYTES) throw invalid();
      if (bytes[0] !== CURSOR_VERSION) {
        // Format numbers are small; any other first byte is not one of our cursors at all.
        if (bytes[0]! < 1 || bytes[0]! > MAX_PLAUSIBLE_VERSION) throw invalid();
        throw badUserInput(
          `\`${argument}\` is a cursor from another version of this service (format ${bytes[0]}, this one reads ${CURSOR_VERSION}). ` +
            "Cursors do not survive upgrades: start again from the first page.",
        );
      }
      const issuer = CONNECTION_FIELDS[bytes[1]!];
      if (issuer !== undefined && issuer !== binding.field) {
        throw badUserInput(
          `\`${argument}\` is a cursor of the \`${issuer}\` field; it cannot be used with \`${binding.field}\`.`,
        );
      }
      const payload = bytes.subarray(0, bytes.length - TAG_BYTES);
      const digest = payload.subarray(2, 2 + DIGEST_BYTES);
      if (issuer !== undefined && !digest.equals(filterDigest(binding.filter))) {
        throw badUserInput(
          `\`${argument}\` was issued for a different filter. A cursor only works with the filter of the query that returned it; ` +
            "after changing the filter, start again from the first page.",
        );
      }
      if (!timingSafeEqual(bytes.subarray(payload.length), tagOf(payload, binding))) throw invalid();
      try {
        const r = new ByteReader(payload.subarray(2 + DIGEST_BYTES));
        const pinnedAt = r.unsigned();
        const windowDays = r.unsigned();
        const asOf = pinnedAt * 1000 - r.signed();
        const splits = Array.from({ length: r.unsigned() }, () => {
          let previous = pinnedAt;
          return Array.from({ length: r.unsigned() }, () => (previous -= r.signed()));
        });
        const position = { t: pinnedAt - r.signed(), rank: r.unsigned(), id: r.unsignedBig() };
        const hints = Array.from({ length: r.unsigned() }, () => r.unsigned() - 1);
        if (!r.done) throw new RangeError("trailing bytes");
        return { pinnedAt, windowDays, asOf, splits, position, hints };
      } catch {
        // Only reachable with a valid tag, i.e. a payload this service wrote in another layout.
        throw invalid();
      }
    },
  };
}
