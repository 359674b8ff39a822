// Issue 16's "Measure" section: what a request spends upstream, with the shared upstream cache off and
// on in the same run (UPSTREAM_CACHE_TTL_SECONDS=0, then 30 s, the service default, or BENCH_CACHE_TTL_SECONDS),
// plus one peer row for the 1-call scenario. Each (variant, scenario) runs in a fresh service process, so
// the cache starts cold and the peak RSS is the scenario's own. Written to bench/results/economy.{md,json}.
import { mkdirSync, writeFileSync } from "node:fs";

import { buildClientSchema, buildSchema, getIntrospectionQuery } from "graphql";
import { Pool, request } from "undici";

import { runAutocannon } from "./load.mjs";
import { businessCalls, bytesOf, settle } from "./measure.mjs";
import { cpuTimeMs, memoryWatch, startChild } from "./processes.mjs";
import { document, everyField } from "./scenarios.mjs";
import { SCOPE_HEADERS, SIMULATORS } from "./settings.mjs";
import { startSystem } from "./systems.mjs";

const HEADERS = { "content-type": "application/json", ...SCOPE_HEADERS };
const MB = 2 ** 20;
const VIEWERS = 50;
/** WeChat status 100 (completed): one status, one upstream list call. */
const ONE_STATUS = { wechatCode: 100, name: "COMPLETED" };

const CACHE_VARIANTS = [
  { name: "cache off", env: { UPSTREAM_CACHE_TTL_SECONDS: "0" } },
  // 30 s is the service's default; the main run (systems.mjs) measures ours with the cache off.
  { name: "cache on", env: { UPSTREAM_CACHE_TTL_SECONDS: process.env.BENCH_CACHE_TTL_SECONDS || "30" } },
];

async function post(url, body, pool) {
  const options = { method: "POST", headers: HEADERS, body: JSON.stringify(body) };
  const { statusCode, body: stream } = pool
    ? await pool.request({ path: "/graphql", ...options })
    : await request(`${url}/graphql`, options);
  const text = await stream.text();
  const parsed = JSON.parse(text);
  if (statusCode !== 200 || parsed.errors) {
    throw new Error(`HTTP ${statusCode}: ${JSON.stringify(parsed.errors ?? parsed).slice(0, 300)}`);
  }
  return { bytes: Buffer.byteLength(text), data: parsed.data };
}

/** Upstream calls, bytes and CPU of `work` (which reports requests and bytes returned), after the simulators are quiet. */
async function spend(system, upstreams, work) {
  await settle(upstreams);
  system.memory.reset();
  const before = await upstreams.call("snapshot");
  const cpuBefore = cpuTimeMs(system.pid);
  const { requests, returned } = await work();
  const cpuAfter = cpuTimeMs(system.pid);
  await settle(upstreams);
  const after = await upstreams.call("snapshot");
  const calls = businessCalls(after.stats) - businessCalls(before.stats);
  const fetched = bytesOf(after) - bytesOf(before);
  return {
    requests,
    upstreamCalls: calls,
    upstreamCallsPerRequest: calls / requests,
    kbFetchedPerRequest: fetched / 1024 / requests,
    kbReturnedPerRequest: returned / 1024 / requests,
    fetchedOverReturned: fetched / returned,
    cpuMsPerRequest: cpuBefore === undefined ? undefined : (cpuAfter - cpuBefore) / requests,
    peakRssMb: system.memory.peak() / MB,
  };
}

const ADDRESS = "userName postalCode provinceName cityName countyName detailInfo nationalCode telNumber";
/**
 * The peer's selection in our schema: the fields of MiniStoreOrder that carry the wire fields the peer
 * answers (status, times, products, pay, price, delivery, openid, notes, order type; money as one
 * leaf, `amount`), without what it cannot answer (ids) or has no equivalent of (cursors, the common
 * fields that repeat the wire ones in the contract's shape).
 */
const PEER_SELECTION = `{
  miniStoreStatus createdAt updatedAt
  products {
    quantity onAftersaleSkuCnt finishAftersaleSkuCnt title imageUrl skuAttrs { attrKey attrValue }
    unitPrice { amount } marketPrice { amount }
  }
  payInfo { method prepayId prepayTime transactionId paidAt }
  priceInfo { productPrice { amount } orderPrice { amount } freight { amount } discountedPrice { amount } isDiscounted }
  deliveryInfo {
    addressInfo { ${ADDRESS} }
    deliveryMethod expressFee { shippingMethod }
    shipments {
      waybillId deliveryId deliveryTime deliverType deliveryAddress { ${ADDRESS} } productInfos { productCnt }
    }
    shipDoneTime insuranceInfo { type insurancePrice { amount } } deliverType offlineDeliveryTime offlinePickupTime
  }
  buyerOpenid extInfo { customerNotes } orderType
}`;

function scenarios(all, sdl) {
  const byName = Object.fromEntries(all.map((s) => [s.name, s]));
  return {
    ordersFirst20: byName["orders-first-20"],
    walk: byName["walk-2000"],
    entities: byName["entities-50"],
    listed: document(
      `query Listed { orders(first: 50) { edges { node { __typename ... on OrderCommon { id } } } } }`,
    ),
    oneCall: document(`query OneStatus {
      miniStoreOrders(first: 20, filter: { statuses: [${ONE_STATUS.name}] }) {
        totalCount
        edges { cursor node ${everyField(buildSchema(sdl), "MiniStoreOrder")} }
      }
    }`),
    oneCallPeerSelection: document(`query OneStatusPeerSelection {
      miniStoreOrders(first: 20, filter: { statuses: [${ONE_STATUS.name}] }) {
        totalCount
        edges { node ${PEER_SELECTION} }
      }
    }`),
  };
}

/** The measured parts of one variant, each in a fresh process. */
async function measureVariant(variant, urls, upstreams, s, log) {
  const fresh = async () => {
    const system = await startSystem("ours", urls, { env: variant.env });
    // Warm the path without touching the scenario's pages: the token, the JIT of the lookups.
    await post(system.url, {
      query: s.entities.query,
      variables: { representations: s.entities.variables.representations.slice(0, 2) },
    });
    return system;
  };
  const rows = {};
  let system = await fresh();
  rows["50 viewers of orders(first: 20)"] = await spend(system, upstreams, async () => {
    const pool = new Pool(system.url, { connections: VIEWERS });
    const answers = await Promise.all(
      Array.from({ length: VIEWERS }, () => post(system.url, { query: s.ordersFirst20.query }, pool)),
    );
    await pool.close();
    return { requests: VIEWERS, returned: answers.reduce((sum, a) => sum + a.bytes, 0) };
  });
  await system.kill();

  system = await fresh();
  rows[`walk of ${s.walk.walk.orders} orders, per page`] = await spend(system, upstreams, async () => {
    let after = null;
    let pages = 0;
    let returned = 0;
    const ids = new Set();
    do {
      const page = await post(system.url, { query: s.walk.query, variables: { ...s.walk.variables, after } });
      pages += 1;
      returned += page.bytes;
      for (const edge of page.data.orders.edges) ids.add(edge.node.id);
      after = page.data.orders.pageInfo.hasNextPage ? page.data.orders.pageInfo.endCursor : null;
    } while (after);
    if (ids.size !== s.walk.walk.orders) throw new Error(`the walk returned ${ids.size} distinct orders`);
    return { requests: pages, returned };
  });
  await system.kill();

  system = await fresh();
  const listed = await post(system.url, { query: s.listed });
  const representations = listed.data.orders.edges.map(({ node }) => ({
    __typename: node.__typename,
    id: node.id,
  }));
  for (const round of ["first", "second"]) {
    rows[`_entities of the 50 just listed, ${round} time`] = await spend(system, upstreams, async () => {
      const answer = await post(system.url, { query: s.entities.query, variables: { representations } });
      return { requests: 1, returned: answer.bytes };
    });
  }
  await system.kill();

  system = await fresh();
  rows["miniStoreOrders(first: 20), one status"] = await spend(system, upstreams, async () => {
    const answer = await post(system.url, { query: s.oneCall });
    return { requests: 1, returned: answer.bytes };
  });
  const load = await throughput(
    system,
    { url: system.url, body: JSON.stringify({ query: s.oneCall }) },
    upstreams,
  );
  await system.kill();
  // The same call with the peer's selection (fresh process: its own peak RSS).
  system = await fresh();
  await post(system.url, { query: s.oneCallPeerSelection });
  const peerSelectionLoad = await throughput(
    system,
    { url: system.url, body: JSON.stringify({ query: s.oneCallPeerSelection }) },
    upstreams,
  );
  await system.kill();
  log(`economy ${variant.name}: done`);
  return { rows, oneCallLoad: load, oneCallPeerSelectionLoad: peerSelectionLoad };
}

/** req/s, CPU per request and peak RSS under 10 connections for a few seconds. */
async function throughput(system, { url, body }, upstreams) {
  const profile = { connections: 10, warmupSeconds: 1, durationSeconds: 1.5, repetitions: 2 };
  let cpuBefore;
  let cpuAfter;
  await settle(upstreams);
  system.memory.reset();
  const runs = await runAutocannon(
    { url, method: "POST", path: "/graphql", headers: HEADERS, body, graphql: true },
    profile,
    {
      onMeasureStart: () => (cpuBefore = cpuTimeMs(system.pid)),
      onMeasureEnd: () => (cpuAfter = cpuTimeMs(system.pid)),
    },
  );
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const rps = runs.map((r) => r.rps).sort((a, b) => a - b);
  return {
    connections: profile.connections,
    rps: rps[Math.floor((rps.length - 1) / 2)],
    errors: runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
    cpuMsPerRequest: requests > 0 ? (cpuAfter - cpuBefore) / requests : undefined,
    peakRssMb: system.memory.peak() / MB,
  };
}

/**
 * The peer: Hive Gateway's runtime with a GraphQL Mesh JSON Schema source over the simulator's get_list
 * (bench/peer/mesh-server.mjs).
 * Its selection is every field its inferred schema has, less those it cannot answer (reported).
 */
async function measurePeer(urls, upstreams, log) {
  const proc = startChild(new URL("../peer/mesh-server.mjs", import.meta.url), {
    env: {
      BENCH_PEER_CONFIG: JSON.stringify({
        wechatUrl: urls.wechat,
        appid: SIMULATORS.wechat.appid,
        secret: SIMULATORS.wechat.secret,
      }),
    },
    name: "the peer (Hive Gateway + Mesh JSON Schema source)",
  });
  try {
    const { port } = await proc.ready;
    const url = `http://127.0.0.1:${port}`;
    const raw = async (query) => {
      const { body } = await request(`${url}/graphql`, {
        method: "POST",
        headers: HEADERS,
        body: JSON.stringify({ query }),
      });
      return JSON.parse(await body.text());
    };
    const schema = buildClientSchema((await raw(getIntrospectionQuery())).data);
    const { now } = await upstreams.call("clock");
    const day = 86_400_000;
    const china = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
    const input = `{ start_create_time: "${china(now - 30 * day)}", end_create_time: "${china(now)}", status: ${ONE_STATUS.wechatCode}, page: 1, page_size: 20 }`;
    const queryWithout = (except) =>
      `{ miniStoreOrders(input: ${input}) ${everyField(schema, "MiniStoreOrderList", { except })} }`;
    const first = await raw(queryWithout(new Set()));
    const failing = new Set(
      (first.errors ?? []).map((e) => e.path?.findLast((p) => typeof p === "string")).filter(Boolean),
    );
    const query = queryWithout(failing);
    const system = { name: "peer", pid: proc.pid, memory: memoryWatch(proc.pid) };
    const probe = await spend(system, upstreams, async () => {
      const answer = await raw(query);
      if (answer.errors || !answer.data?.miniStoreOrders?.orders?.length) {
        throw new Error(`the peer answered no orders: ${JSON.stringify(answer).slice(0, 300)}`);
      }
      return { requests: 1, returned: Buffer.byteLength(JSON.stringify(answer)) };
    });
    const load = await throughput(system, { url, body: JSON.stringify({ query }) }, upstreams);
    log("economy peer: done");
    return {
      probe,
      load,
      unanswerable: [...failing].map((field) => ({
        field,
        error: first.errors.find((e) => e.path?.includes(field))?.message,
      })),
    };
  } finally {
    await proc.kill();
  }
}

export async function economyRun({ urls, upstreams, scenarios: all, sdl, log }) {
  const s = scenarios(all, sdl);
  const variants = [];
  for (const variant of CACHE_VARIANTS) {
    variants.push({ ...variant, ...(await measureVariant(variant, urls, upstreams, s, log)) });
  }
  let peer;
  try {
    peer = await measurePeer(urls, upstreams, log);
  } catch (error) {
    peer = { failure: error.message.split("\n")[0] };
    log(`economy peer: not measured (${peer.failure})`);
  }
  return writeEconomy({
    variants,
    peer,
    queries: { oneCall: s.oneCall, oneCallPeerSelection: s.oneCallPeerSelection },
  });
}

const fixed = (value, digits) => (value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits));

function writeEconomy(result) {
  const out = ["# Upstream economy (issue 16)", ""];
  out.push(
    `Generated ${new Date().toISOString()} by \`npm run bench\`. Each part runs in a fresh service process ` +
      "(cold cache, its own peak RSS), once, alone: these are counts, not load. The variants differ only in " +
      "`UPSTREAM_CACHE_TTL_SECONDS` (`0`, then `30`, the service default, or `BENCH_CACHE_TTL_SECONDS`). See docs/benchmarks.md.",
    "",
    "| scenario | variant | requests | upstream calls/req | KB fetched/req | KB returned/req | fetched ÷ returned | CPU ms/req | peak RSS MB |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const name of Object.keys(result.variants[0].rows)) {
    for (const variant of result.variants) {
      const r = variant.rows[name];
      out.push(
        `| ${name} | ${variant.name} | ${r.requests} | ${fixed(r.upstreamCallsPerRequest, 2)} | ${fixed(r.kbFetchedPerRequest, 1)} | ` +
          `${fixed(r.kbReturnedPerRequest, 1)} | ${fixed(r.fetchedOverReturned, 1)} | ${fixed(r.cpuMsPerRequest, 1)} | ${fixed(r.peakRssMb, 0)} |`,
      );
    }
    if (name.includes("one status") && result.peer.probe) {
      const r = result.peer.probe;
      out.push(
        `| ${name} | peer | ${r.requests} | ${fixed(r.upstreamCallsPerRequest, 2)} | ${fixed(r.kbFetchedPerRequest, 1)} | ` +
          `${fixed(r.kbReturnedPerRequest, 1)} | ${fixed(r.fetchedOverReturned, 1)} | ${fixed(r.cpuMsPerRequest, 1)} | ${fixed(r.peakRssMb, 0)} |`,
      );
    }
  }
  out.push("", "## The 1-call scenario under load (10 connections)", "");
  out.push("| system | req/s | CPU ms/req | peak RSS MB | errors |", "|---|---:|---:|---:|---:|");
  const loads = [
    ...result.variants.flatMap((v) => [
      [`ours, ${v.name}`, v.oneCallLoad],
      [`ours, ${v.name}, the peer's selection`, v.oneCallPeerSelectionLoad],
    ]),
    ...(result.peer.load
      ? [
          [
            "peer: Hive Gateway runtime + GraphQL Mesh JSON Schema source (@omnigraph/json-schema)",
            result.peer.load,
          ],
        ]
      : []),
  ];
  for (const [name, l] of loads) {
    out.push(
      `| ${name} | ${fixed(l.rps, 0)} | ${fixed(l.cpuMsPerRequest, 1)} | ${fixed(l.peakRssMb, 0)} | ${l.errors} |`,
    );
  }
  out.push("");
  if (result.peer.failure) out.push(`Peer not measured: ${result.peer.failure}`, "");
  out.push(
    '"the peer\'s selection": ours asked for the fields that carry what the peer answers (money as one ' +
      "`amount` leaf; no ids, no cursors, no common fields), so both return the same data; the full " +
      "selection (every field of `MiniStoreOrder`) is what a contract client gets. Both queries are in `economy.json`.",
    "",
  );
  if (result.peer.unanswerable?.length) {
    out.push(
      "Fields the peer cannot answer, left out of its selection (so it does less work than ours):",
      "",
      ...result.peer.unanswerable.map((u) => `- \`${u.field}\`: ${u.error}`),
      "",
    );
  }
  const dir = new URL("../results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const md = new URL("economy.md", dir);
  const js = new URL("economy.json", dir);
  writeFileSync(md, out.join("\n"));
  writeFileSync(js, JSON.stringify({ generatedAt: new Date().toISOString(), ...result }, null, 2) + "\n");
  return [md.pathname, js.pathname];
}
