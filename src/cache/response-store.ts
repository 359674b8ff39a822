// Where cached upstream responses live: this process's memory, or Redis shared by the replicas.
// Values are plain text (an upstream body as received, plus the round it was read in), so both
// stores hold the same thing and nothing but text crosses Redis.

/** One cached upstream read. */
export interface StoredRead {
  /** The upstream's success body, exactly as received (lossless JSON text). */
  body: string;
  /** The round of reads it belongs to (reads of one round were made together). */
  round: string;
  /**
   * Heap a reader in this process keeps decoded beside the body while the entry lives (see
   * `FetchedBody`): the in-process store counts it against its bound. Not stored in Redis.
   */
  decodedBytes?: number | undefined;
}

export interface ResponseStore {
  get(key: string): Promise<StoredRead | undefined>;
  /** Stores every entry for `ttlSeconds` (one batch: a list read also fills its orders). */
  set(entries: readonly (readonly [string, StoredRead])[], ttlSeconds: number): Promise<void>;
  close(): Promise<void>;
}

export const encodeStoredRead = (read: StoredRead): string => `${read.round}\n${read.body}`;

export function decodeStoredRead(text: string): StoredRead | undefined {
  const newline = text.indexOf("\n");
  return newline < 0 ? undefined : { round: text.slice(0, newline), body: text.slice(newline + 1) };
}
