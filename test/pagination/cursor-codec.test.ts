import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";

import { readPageArgs } from "../../src/pagination/connection.js";
import {
  createCursorCodec,
  type CursorBinding,
  type CursorState,
} from "../../src/pagination/cursor-codec.js";

const codec = createCursorCodec("a-test-secret-that-is-long-enough-000");
const binding: CursorBinding = { field: "orders", filter: '{"statuses":["PENDING_SHIPMENT"]}' };
const state: CursorState = {
  pinnedAt: 1_700_000_000,
  windowDays: 30,
  // The walk's first page was served from reads 12.345 s before the pin (the cache's freshness).
  asOf: 1_700_000_000_000 - 12_345,
  splits: [[1_699_000_000, 1_698_500_000], []],
  position: { t: 1_698_999_999, rank: 0, id: 3_000_000_000_000_012_345n },
  hints: [0, 12, 7, 1000, -1, 3, 0, 0, 0, 0, 0, 0, 41],
};

function rejection(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    return error as GraphQLError;
  }
  throw new Error("expected a BAD_USER_INPUT error");
}

describe("cursor codec", () => {
  it("round-trips exactly (ids above 2^53 included) and stays compact", () => {
    const cursor = codec.encode(state, binding);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThan(100);
    expect(codec.decode(cursor, binding, "after")).toEqual(state);
  });

  it.each([
    {
      why: "an altered byte",
      cursor: () => {
        const bytes = Buffer.from(codec.encode(state, binding), "base64url");
        bytes[10]! ^= 1;
        return bytes.toString("base64url");
      },
      message: /not a valid cursor/,
    },
    { why: "garbage", cursor: () => "hello world", message: /not a valid cursor/ },
    {
      why: "graphql-relay's offset cursor",
      cursor: () => Buffer.from("arrayconnection:20").toString("base64url"),
      message: /another version|not a valid/,
    },
    {
      why: "another secret",
      cursor: () => createCursorCodec("some-other-secret-0000000000000000").encode(state, binding),
      message: /not a valid cursor/,
    },
    {
      why: "another field",
      cursor: () => codec.encode(state, { ...binding, field: "miniStoreOrders" }),
      message: /cursor of the `miniStoreOrders` field; it cannot be used with `orders`/,
    },
    {
      why: "another filter",
      cursor: () => codec.encode(state, { ...binding, filter: "{}" }),
      message: /different filter/,
    },
    {
      why: "another version",
      cursor: () => {
        const bytes = Buffer.from(codec.encode(state, binding), "base64url");
        bytes[0] = 1; // the format before the walk's start moment was carried
        return bytes.toString("base64url");
      },
      message: /another version of this service/,
    },
  ])("rejects $why with BAD_USER_INPUT and a message a person understands", ({ cursor, message }) => {
    const error = rejection(() => codec.decode(cursor(), binding, "after"));
    expect(error.message).toMatch(message);
    expect(error.message).toContain("`after`");
  });
});

describe("page arguments", () => {
  it.each([
    { args: {}, page: { direction: "forward", count: 20 } },
    { args: { first: 0 }, page: { direction: "forward", count: 0 } },
    { args: { first: 100 }, page: { direction: "forward", count: 100 } },
    { args: { last: 7 }, page: { direction: "backward", count: 7 } },
    { args: { first: null, last: 1 }, page: { direction: "backward", count: 1 } },
  ])("$args → $page", ({ args, page }) => {
    expect(readPageArgs(args)).toEqual(page);
  });

  it.each([
    { args: { first: 1, last: 1 }, message: /either `first`.*or `last`/ },
    { args: { first: 101 }, message: /`first` must be an integer from 0 to 100, got 101/ },
    { args: { first: -1 }, message: /`first` must be .* got -1/ },
    { args: { last: -5 }, message: /`last` must be .* got -5/ },
    { args: { last: 1000 }, message: /`last` must be .* got 1000/ },
  ])("$args → BAD_USER_INPUT", ({ args, message }) => {
    expect(rejection(() => readPageArgs(args)).message).toMatch(message);
  });
});
