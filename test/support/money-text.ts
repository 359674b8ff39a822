// Money oracles for tests, by decimal text alone (no production helper from src/shared/money.ts):
// what a `Money { amount currency minorUnits }` selection must read for an upstream amount.

interface ExpectedMoney {
  amount: string;
  currency: "CNY";
  minorUnits: number;
}

/** WeChat: a non-negative integer in fen → yuan with two decimals, by moving the decimal point. */
export function moneyOfFen(fen: number | bigint): ExpectedMoney {
  const digits = String(fen).padStart(3, "0");
  if (!/^\d+$/.test(digits)) throw new Error(`not a fen amount: ${String(fen)}`);
  return { amount: `${digits.slice(0, -2)}.${digits.slice(-2)}`, currency: "CNY", minorUnits: Number(fen) };
}

/** weixin12315: yuan as decimal text with at most two decimals (`56.00`, `"112.5"`, `"0"`). */
export function moneyOfYuanText(text: string): ExpectedMoney {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`not a yuan amount: ${JSON.stringify(text)}`);
  const [, yuan, cents = ""] = match;
  const twoDigits = cents.padEnd(2, "0");
  return { amount: `${yuan}.${twoDigits}`, currency: "CNY", minorUnits: Number(`${yuan}${twoDigits}`) };
}
