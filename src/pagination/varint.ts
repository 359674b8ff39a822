// LEB128 varints: cursors stay short (a 19-digit id takes 9 bytes, a small offset 1).

export class ByteWriter {
  private readonly bytes: number[] = [];

  raw(values: Iterable<number>): this {
    for (const v of values) this.bytes.push(v & 0xff);
    return this;
  }

  unsigned(value: bigint | number): this {
    let rest = BigInt(value);
    if (rest < 0n) throw new RangeError(`varint must not be negative, got ${rest}`);
    do {
      const low = Number(rest & 0x7fn);
      rest >>= 7n;
      this.bytes.push(rest > 0n ? low | 0x80 : low);
    } while (rest > 0n);
    return this;
  }

  /** Zigzag: small magnitudes of either sign stay short. */
  signed(value: number): this {
    return this.unsigned(value >= 0 ? 2 * value : -2 * value - 1);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

/** Reads what `ByteWriter` wrote; throws RangeError on truncated or oversized input. */
export class ByteReader {
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  raw(length: number): Uint8Array {
    if (this.at + length > this.bytes.length) throw new RangeError("truncated");
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  unsignedBig(): bigint {
    let value = 0n;
    for (let shift = 0n; shift <= 70n; shift += 7n) {
      const byte = this.raw(1)[0]!;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new RangeError("varint too long");
  }

  unsigned(): number {
    const value = this.unsignedBig();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("number out of range");
    return Number(value);
  }

  signed(): number {
    const z = this.unsigned();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  get done(): boolean {
    return this.at === this.bytes.length;
  }
}
