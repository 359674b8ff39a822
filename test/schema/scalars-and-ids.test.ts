// DateTime (China-time output, any-offset input), node ids, and Money never being a float.
import { GraphQLError, Kind } from "graphql";
import { describe, expect, it } from "vitest";

import { encodeOrderNodeId, decodeOrderNodeId } from "../../src/schema/node-id.js";
import { DateTimeScalar, parseRfc3339 } from "../../src/schema/scalars/date-time.scalar.js";

describe("DateTime", () => {
  it("serializes instants in China Standard Time, whole seconds", () => {
    expect(DateTimeScalar.serialize(new Date("2020-03-25T05:05:25Z"))).toBe("2020-03-25T13:05:25+08:00");
    expect(DateTimeScalar.serialize(new Date("2021-05-11T13:01:20.999Z"))).toBe("2021-05-11T21:01:20+08:00");
    expect(() => DateTimeScalar.serialize("2020-03-25")).toThrow(GraphQLError);
  });

  it.each([
    ["2020-03-25T13:05:25+08:00", "2020-03-25T05:05:25.000Z"],
    ["2020-03-25T05:05:25Z", "2020-03-25T05:05:25.000Z"],
    ["2020-03-25t05:05:25.250z", "2020-03-25T05:05:25.250Z"],
    ["2020-03-25 00:05:25-05:00", "2020-03-25T05:05:25.000Z"],
    ["2020-03-25T10:35:25+05:30", "2020-03-25T05:05:25.000Z"],
  ])("accepts %s", (text, iso) => {
    expect((DateTimeScalar.parseValue(text) as Date).toISOString()).toBe(iso);
    expect((DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: text }, {}) as Date).toISOString()).toBe(
      iso,
    );
  });

  it.each([
    "2020-03-25 13:05:25",
    "2020-03-25T13:05:25",
    "2020-02-30T00:00:00Z",
    "2020-03-25T24:00:00Z",
    "2020-03-25T13:05:25+24:00",
    "1585112725",
    "",
  ])("rejects %j with a clear BAD_USER_INPUT", (text) => {
    expect(parseRfc3339(text)).toBeNull();
    expect(() => DateTimeScalar.parseValue(text)).toThrow(/RFC 3339 date-time with an offset/);
    try {
      DateTimeScalar.parseValue(text);
    } catch (error) {
      expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("rejects non-string literals", () => {
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: "1585112725" }, {})).toThrow(
      /RFC 3339/,
    );
  });
});

describe("order node ids", () => {
  it.each([
    ["MINI_STORE", "3704852461628145669", "TWluaVN0b3JlT3JkZXI6MzcwNDg1MjQ2MTYyODE0NTY2OQ"],
    ["WEIXIN12315", "fw2017072913396286", "V2VpeGluMTIzMTVPcmRlcjpmdzIwMTcwNzI5MTMzOTYyODY"],
  ] as const)("%s %s round-trips", (source, key, id) => {
    expect(encodeOrderNodeId(source, key)).toBe(id);
    expect(decodeOrderNodeId(id)).toEqual({ source, key });
  });

  it.each([
    "",
    "!!",
    Buffer.from("MiniStoreOrder:").toString("base64url"),
    Buffer.from("MiniStoreOrder:12x").toString("base64url"),
    Buffer.from("Weixin12315Order").toString("base64url"),
    Buffer.from("Recipe:1").toString("base64url"),
    `${Buffer.from("MiniStoreOrder:12").toString("base64")}==`,
  ])("rejects %j", (id) => {
    expect(decodeOrderNodeId(id)).toBeNull();
  });
});
