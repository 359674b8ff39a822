import { describe, expect, it } from "vitest";

import { paginate, type ConnectionPage, type ConnectionPlan } from "../../src/pagination/connection.js";
import { createCursorCodec } from "../../src/pagination/cursor-codec.js";
import { contractOrder } from "../support/newest-first.js";
import { MemoryShop, STATUSES, type MemoryOrder } from "./support/memory-shop.js";

const NOW = 1_700_000_000;
const context = (shop: MemoryShop) => ({
  codec: createCursorCodec("walker-test-secret"),
  defaultWindowDays: 30,
  now: () => new Date(shop.nowSeconds * 1000),
});

const id = (o: MemoryOrder) => `${o.source}:${o.orderId}`;

interface Walked {
  orders: MemoryOrder[];
  firstTotal: number;
  pages: number;
  callsPerPage: number[];
}

/** Walks a connection to its end, calling `between` after each page (to change the shop). */
async function walkAll(
  shop: MemoryShop,
  query: ConnectionPlan<MemoryOrder>,
  direction: "forward" | "backward",
  count: number,
  between?: (page: number) => void,
): Promise<Walked> {
  const orders: MemoryOrder[] = [];
  const callsPerPage: number[] = [];
  let cursor: string | null = null;
  let firstTotal = -1;
  for (let pages = 1; ; pages += 1) {
    const calls = shop.calls;
    const page: ConnectionPage<MemoryOrder> = await paginate(
      query,
      direction === "forward" ? { first: count, after: cursor } : { last: count, before: cursor },
      context(shop),
    );
    callsPerPage.push(shop.calls - calls);
    if (pages === 1) firstTotal = await page.totalCount();
    const nodes = page.edges.map((e) => e.node);
    orders.push(...(direction === "forward" ? nodes : nodes.reverse()));
    const more = direction === "forward" ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return { orders, firstTotal, pages, callsPerPage };
    expect(page.edges.length).toBe(count);
    cursor = direction === "forward" ? page.pageInfo.endCursor : page.pageInfo.startCursor;
    between?.(pages);
  }
}

/** Walked orders, newest first whatever the direction. */
const newestFirst = (walked: Walked, direction: "forward" | "backward") =>
  direction === "forward" ? walked.orders : [...walked.orders].reverse();

function expectStrictlyOrdered(orders: MemoryOrder[]) {
  for (let i = 1; i < orders.length; i += 1) {
    expect(contractOrder(orders[i - 1]!, orders[i]!)).toBeLessThan(0);
  }
}

const window = { lo: NOW - 30 * 86_400, hi: NOW };

describe("walk over a stable shop", () => {
  const cases = [1, 7, 20, 100].flatMap((count) =>
    [3, 10, 10_000].flatMap((maxPageSize) =>
      (["forward", "backward"] as const).map((direction) => ({ count, maxPageSize, direction })),
    ),
  );

  it.each(cases)(
    "$direction, first/last $count, upstream pages ≤ $maxPageSize: every order once, in order",
    async ({ count, maxPageSize, direction }) => {
      const shop = new MemoryShop(count * 31 + maxPageSize, 160, 90, NOW);
      const walked = await walkAll(shop, shop.query(STATUSES, {}, maxPageSize), direction, count);
      const expected = shop.expected(STATUSES, window);
      expect(newestFirst(walked, direction).map(id)).toEqual(expected.map(id));
      expect(walked.firstTotal).toBe(expected.length);
    },
  );

  it("reads each stream once per forward page when upstream pages are large enough (steady state)", async () => {
    const shop = new MemoryShop(5, 400, 5000, NOW);
    const walked = await walkAll(shop, shop.query(STATUSES, {}, 10_000), "forward", 20);
    // 2 sources × 4 statuses; every page reads every stream exactly once, totalCount included.
    expect(walked.callsPerPage).toEqual(walked.callsPerPage.map(() => 8));
  });

  it("turns only the rows a page returns into nodes, once each (not the rows read around them)", async () => {
    const shop = new MemoryShop(6, 400, 5000, NOW);
    const query = shop.query(STATUSES, {}, 10_000);
    const page = await paginate(query, { first: 20 }, context(shop));
    // 8 streams each read ~21 rows for this page; 20 are returned, the 21st only answers hasNextPage.
    expect(shop.nodesResolved.map(id)).toEqual(page.edges.map((e) => id(e.node)));
    const backward = await paginate(query, { last: 5, before: page.pageInfo.endCursor }, context(shop));
    expect(shop.nodesResolved.slice(20).map(id)).toEqual(backward.edges.map((e) => id(e.node)).reverse());
  });

  it("honours an explicit window, inclusive to the second", async () => {
    const shop = new MemoryShop(9, 300, 600, NOW);
    for (const t of [NOW - 301, NOW - 300, NOW - 100, NOW - 99]) shop.insert(t).status = 2;
    const bounds = { after: NOW - 300, before: NOW - 100 };
    const walked = await walkAll(shop, shop.query([2, 3], bounds, 10_000), "forward", 7);
    const expected = shop.expected([2, 3], { lo: NOW - 300, hi: NOW - 100 });
    expect(walked.orders.map(id)).toEqual(expected.map(id));
    const times = walked.orders.map((o) => o.createdAt.getTime() / 1000);
    expect(times).toContain(NOW - 300);
    expect(times).toContain(NOW - 100);
    expect(times).not.toContain(NOW - 301);
    expect(times).not.toContain(NOW - 99);
  });

  it("serves first+before and last+after as bounded walks", async () => {
    const shop = new MemoryShop(11, 120, 400, NOW);
    const query = shop.query(STATUSES, {}, 10_000);
    const all = shop.expected(STATUSES, window);
    const page: ConnectionPage<MemoryOrder> = await paginate(query, { first: 100 }, context(shop));
    const cursorAt = (i: number) => page.edges[i]!.cursor;
    const between = await paginate(
      query,
      { first: 100, after: cursorAt(10), before: cursorAt(20) },
      context(shop),
    );
    expect(between.edges.map((e) => id(e.node))).toEqual(all.slice(11, 20).map(id));
    const tail = await paginate(query, { last: 3, after: cursorAt(10), before: cursorAt(20) }, context(shop));
    expect(tail.edges.map((e) => id(e.node))).toEqual(all.slice(17, 20).map(id));
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });
});

describe("walk while the shop changes between pages", () => {
  const cases = [1, 7, 20].flatMap((count) =>
    [4, 10_000].flatMap((maxPageSize) =>
      (["forward", "backward"] as const).map((direction) => ({ count, maxPageSize, direction })),
    ),
  );

  it.each(cases)(
    "$direction, $count per page, pages ≤ $maxPageSize: no duplicate, nothing that existed is missed",
    async ({ count, maxPageSize, direction }) => {
      const shop = new MemoryShop(count + maxPageSize, 200, 120, NOW);
      const before = shop.expected(STATUSES, window);
      const walked = await walkAll(shop, shop.query(STATUSES, {}, maxPageSize), direction, count, (page) => {
        for (let i = 0; i < 6; i += 1) shop.changeSomeStatus();
        shop.insert(shop.pick(before).createdAt.getTime() / 1000); // lands among existing orders
        shop.insert(NOW + 1 + page); // created after the window was pinned: not part of this walk
      });
      const seen = walked.orders.map(id);
      expect(walked.orders.every((o) => o.createdAt.getTime() <= NOW * 1000)).toBe(true);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(before.map(id)));
      expectStrictlyOrdered(newestFirst(walked, direction));
    },
  );

  it("with a status filter: orders that kept a matching status appear once, in order", async () => {
    const shop = new MemoryShop(77, 300, 150, NOW);
    const statuses = [1, 2];
    const startIds = new Set(shop.expected(statuses, window).map(id));
    const everLeft = new Set<string>();
    const walked = await walkAll(shop, shop.query(statuses, {}, 10_000), "forward", 7, () => {
      for (let i = 0; i < 8; i += 1) {
        const changed = shop.changeSomeStatus();
        if (!statuses.includes(changed.status)) everLeft.add(id(changed));
      }
    });
    const seen = walked.orders.map(id);
    expect(new Set(seen).size).toBe(seen.length);
    const stayed = [...startIds].filter((o) => !everLeft.has(o));
    expect(seen).toEqual(expect.arrayContaining(stayed));
    expectStrictlyOrdered(walked.orders);
  });
});

describe("windows the upstream refuses as too large", () => {
  it.each(["forward", "backward"] as const)(
    "%s: splits them (newer half first), remembers the split, stays exact",
    async (direction) => {
      const shop = new MemoryShop(3, 300, 20 * 86_400, NOW);
      shop.scanLimit = 40;
      const walked = await walkAll(shop, shop.query(STATUSES, {}, 10_000), direction, 20);
      const expected = shop.expected(STATUSES, window);
      expect(newestFirst(walked, direction).map(id)).toEqual(expected.map(id));
      expect(walked.firstTotal).toBe(expected.length);
      const refusalsAfterFirstPages = shop.refusals;
      // A second walk re-learns the splits on its first page only; cursors carry them afterwards.
      shop.refusals = 0;
      await walkAll(shop, shop.query(STATUSES, {}, 10_000), direction, 20);
      expect(shop.refusals).toBe(refusalsAfterFirstPages);
    },
  );

  it("a one-second window that is still too large fails with the upstream's error", async () => {
    const shop = new MemoryShop(4, 0, 1, NOW);
    for (let i = 0; i < 5; i += 1) shop.insert(NOW - 10);
    shop.scanLimit = 2;
    await expect(paginate(shop.query(STATUSES, {}, 100), { first: 5 }, context(shop))).rejects.toThrow(
      "scanned too much",
    );
  });
});
