// Exact money: amounts travel as decimal text or integer fen, never as binary floats.

const CURRENCY = "CNY";

/** What the schema's `Money` type carries. `minorUnits` is fen and always a safe integer. */
export interface MoneyValue {
  amount: string;
  currency: typeof CURRENCY;
  minorUnits: number;
}

function fromFenBigInt(fen: bigint): MoneyValue {
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`amount out of the exact range: ${fen} fen`);
  }
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, "0");
  return { amount: `${negative ? "-" : ""}${yuan}.${cents}`, currency: CURRENCY, minorUnits: Number(fen) };
}

/** WeChat amounts: integer fen (a JSON number or its digit text). */
export function moneyFromFen(fen: number | bigint | string): MoneyValue {
  const text = String(fen).trim();
  if (!/^-?\d+$/.test(text)) throw new RangeError(`not an integer amount in fen: ${JSON.stringify(fen)}`);
  return fromFenBigInt(BigInt(text));
}

/**
 * weixin12315 amounts: decimal yuan as text (`"112.00"`, `56.00`, `"0"`). More than two decimal
 * places would not be a whole number of fen; rather than round silently, that throws.
 */
export function moneyFromYuanText(yuan: string): MoneyValue {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(yuan.trim());
  if (!match) throw new RangeError(`not a decimal amount in yuan: ${JSON.stringify(yuan)}`);
  const [, sign, whole, fraction = ""] = match;
  const extra = fraction.slice(2);
  if (/[1-9]/.test(extra)) throw new RangeError(`amount has a fraction of a fen: ${JSON.stringify(yuan)}`);
  const fen = BigInt(whole!) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
  return fromFenBigInt(sign === "-" ? -fen : fen);
}
