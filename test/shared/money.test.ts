import { describe, expect, it } from "vitest";
import { moneyFromFen, moneyFromYuanText } from "../../src/shared/money.js";

describe("Money", () => {
  it.each([
    [10500, "105.00", 10500],
    ["7", "0.07", 7],
    [0, "0.00", 0],
    [-250, "-2.50", -250],
  ])("fen %s is %s yuan", (fen, amount, minorUnits) => {
    expect(moneyFromFen(fen)).toEqual({ amount, currency: "CNY", minorUnits });
  });

  it.each([
    ["112.00", "112.00", 11200],
    ["56", "56.00", 5600],
    ["0.5", "0.50", 50],
    ["19.990", "19.99", 1999],
    ["-3.10", "-3.10", -310],
  ])("yuan text %s is exact", (yuan, amount, minorUnits) => {
    expect(moneyFromYuanText(yuan)).toEqual({ amount, currency: "CNY", minorUnits });
  });

  it("refuses what it cannot represent exactly instead of rounding", () => {
    expect(() => moneyFromYuanText("1.005")).toThrow(/fraction of a fen/);
    expect(() => moneyFromYuanText("1e3")).toThrow(/not a decimal amount/);
    expect(() => moneyFromFen(1.5)).toThrow(/not an integer amount/);
    expect(() => moneyFromFen("90071992547409930")).toThrow(/out of the exact range/);
  });
});
