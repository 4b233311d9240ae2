/**
 * Leak test (issue 4, point 3): for every viewer × query — lists with full paging and totalCount,
 * by-id lookups of every object in the database (typed root fields and node), nested references,
 * board counters and the journal — the API's answer is compared with an independent oracle
 * (test/support/leak-oracle.ts) of what that viewer may see. Prints the seed; LEAK_SEED replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLeakFixture, gid, LEAK_NOW, type LeakFixture, type ViewerSpec } from "./support/leak-fixture.js";
import { chunks, codes, compare, pool, Tally } from "./support/leak-check.js";
import { loadSnapshot, Oracle, scopeOfSpec, type Snapshot, flagOf } from "./support/leak-oracle.js";
import type { GraphQLResponse } from "./support/server.js";

/** Root fields a display token may use (the gate forbids the rest). */
const DISPLAY_FIELDS = new Set(["me", "board", "bulletins", "bulletin", "accountabilityActions", "units", "unit", "node", "boardChanged"]);
const ALIASES = 30;
const PAGE = 100;

let fx: LeakFixture;
let snap: Snapshot;
let oracles: Oracle[];
const tally = new Tally();

beforeAll(async () => {
  fx = await buildLeakFixture();
  snap = await loadSnapshot(fx.server.database);
  oracles = [];
  for (const spec of fx.viewers) oracles.push(new Oracle(snap, await scopeOfSpec(fx.server.database, spec)));
}, 300_000);

afterAll(async () => {
  await fx?.server.close();
});

const call = (spec: ViewerSpec, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> => fx.server.gql(query, variables, spec.as);

/** What the gate answers before anything runs, or null when the query should run. */
function gateFor(o: Oracle, rootField: string): "UNAUTHENTICATED" | "FORBIDDEN" | null {
  if (o.v.anonymous) return "UNAUTHENTICATED";
  if (o.v.display && !DISPLAY_FIELDS.has(rootField)) return "FORBIDDEN";
  return null;
}

/** A refused request: no data at all, and exactly the expected code. */
function expectRefused(o: Oracle, query: string, res: GraphQLResponse, code: string, pairs: number): void {
  tally.pairs += pairs;
  const name = o.v.spec.name;
  const data = res.data ? Object.values(res.data).filter((x) => x !== null) : [];
  if (data.length) tally.report("leak", name, query, `expected ${code}, got data ${JSON.stringify(res.data).slice(0, 300)}`);
  const got = codes(res);
  if (!got.length || got.some((c) => c !== code)) tally.report("missing", name, query, `expected ${code}, got ${JSON.stringify(got)}`);
}

// ---------------------------------------------------------------------------------------------
// Expected shapes of visible objects (nested references: the id when visible, else null)
// ---------------------------------------------------------------------------------------------

const SEL = {
  Unit: "id parent { id } children { id } head { id }",
  Person: "id unit { id }",
  Finding:
    "id unit { id } handler { id } foundBy { id } verifiedBy { id } repeatOf { id } measures { id owner { id } } " +
    "responsibilities { id person { id } unit { id } } accountabilityActions { id findings { id } } history { id seq }",
  AccountabilityAction: "id targetPerson { id } targetUnit { id } decidedBy { id } findings { id }",
  Bulletin: "id published unit { id } items { id position finding { id } unitName handlerName caseRef example }",
  Measure: "id owner { id }",
  Responsibility: "id person { id } unit { id }",
  BulletinItem: "id position finding { id } unitName handlerName caseRef example",
  JournalEntry: "id seq",
} as const;
type NodeType = keyof typeof SEL;

function expectedShape(o: Oracle, type: NodeType, id: number): Record<string, unknown> {
  const ref = (t: "Unit" | "Person" | "Finding", rid: number | null) => {
    if (rid === null) return null;
    const visible = t === "Unit" ? o.unit(rid) : t === "Person" ? o.person(rid) : o.finding(rid);
    return visible ? { id: gid(t, rid) } : null;
  };
  const actionFindings = (actionId: number) =>
    snap.actionFindings.filter((l) => l.action_id === actionId && o.finding(l.finding_id)).map((l) => ({ id: gid("Finding", l.finding_id) }));
  const item = (i: Snapshot["items"][number]) => ({
    id: gid("BulletinItem", i.id),
    position: i.position,
    finding: ref("Finding", i.finding_id),
    unitName: i.unit_name,
    handlerName: i.handler_name,
    caseRef: i.case_ref,
    example: i.example,
  });
  switch (type) {
    case "Unit": {
      const u = o.unitById.get(id)!;
      return {
        id: gid("Unit", id),
        parent: ref("Unit", u.parent_id),
        children: o.children(id).map((c) => ({ id: gid("Unit", c.id) })),
        head: ref("Person", u.head_id),
      };
    }
    case "Person":
      return { id: gid("Person", id), unit: ref("Unit", o.personById.get(id)!.unit_id) };
    case "Finding": {
      const f = o.findingById.get(id)!;
      return {
        id: gid("Finding", id),
        unit: ref("Unit", f.unit_id),
        handler: ref("Person", f.handler_id),
        foundBy: ref("Person", f.found_by),
        verifiedBy: ref("Person", f.verified_by),
        repeatOf: ref("Finding", f.repeat_of),
        measures: snap.measures.filter((m) => m.finding_id === id).map((m) => ({ id: gid("Measure", m.id), owner: ref("Person", m.owner_id) })),
        responsibilities: snap.responsibilities
          .filter((r) => r.finding_id === id)
          .map((r) => ({ id: gid("Responsibility", r.id), person: ref("Person", r.person_id), unit: ref("Unit", r.unit_id) })),
        accountabilityActions: snap.actionFindings
          .filter((l) => l.finding_id === id)
          .map((l) => snap.actions.find((a) => a.id === l.action_id)!)
          .filter((a) => o.action(a))
          .map((a) => ({ id: gid("AccountabilityAction", a.id), findings: actionFindings(a.id) })),
        history: snap.journal
          .filter((j) => j.entity === "Finding" && j.entity_id === String(id) && o.journal(j))
          .map((j) => ({ id: gid("JournalEntry", j.seq), seq: j.seq })),
      };
    }
    case "AccountabilityAction": {
      const a = snap.actions.find((x) => x.id === id)!;
      return {
        id: gid("AccountabilityAction", id),
        targetPerson: ref("Person", a.target_person_id),
        targetUnit: ref("Unit", a.target_unit_id),
        decidedBy: ref("Person", a.decided_by),
        findings: actionFindings(id),
      };
    }
    case "Bulletin": {
      const b = o.bulletinById.get(id)!;
      return { id: gid("Bulletin", id), published: b.published, unit: ref("Unit", b.unit_id), items: snap.items.filter((i) => i.bulletin_id === id).map(item) };
    }
    case "Measure": {
      const m = snap.measures.find((x) => x.id === id)!;
      return { id: gid("Measure", id), owner: ref("Person", m.owner_id) };
    }
    case "Responsibility": {
      const r = snap.responsibilities.find((x) => x.id === id)!;
      return { id: gid("Responsibility", id), person: ref("Person", r.person_id), unit: ref("Unit", r.unit_id) };
    }
    case "BulletinItem":
      return item(snap.items.find((x) => x.id === id)!);
    case "JournalEntry":
      return { id: gid("JournalEntry", id), seq: id };
  }
}

function visibleById(o: Oracle, type: NodeType, id: number): boolean {
  switch (type) {
    case "Unit":
      return o.unit(id);
    case "Person":
      return o.person(id);
    case "Finding":
      return o.finding(id);
    case "AccountabilityAction":
      return o.action(snap.actions.find((a) => a.id === id)!);
    case "Bulletin":
      return o.bulletin(id);
    case "Measure":
      return o.finding(snap.measures.find((m) => m.id === id)!.finding_id);
    case "Responsibility":
      return o.finding(snap.responsibilities.find((r) => r.id === id)!.finding_id);
    case "BulletinItem":
      return o.bulletin(snap.items.find((i) => i.id === id)!.bulletin_id);
    case "JournalEntry":
      return o.journal(snap.journal.find((j) => j.seq === id)!);
  }
}

const TYPED_ROOT: Partial<Record<NodeType, string>> = {
  Unit: "unit",
  Person: "person",
  Finding: "finding",
  AccountabilityAction: "accountabilityAction",
  Bulletin: "bulletin",
};

function allIds(type: NodeType): number[] {
  switch (type) {
    case "Unit":
      return snap.units.map((x) => x.id);
    case "Person":
      return snap.people.map((x) => x.id);
    case "Finding":
      return snap.findings.map((x) => x.id);
    case "AccountabilityAction":
      return snap.actions.map((x) => x.id);
    case "Bulletin":
      return snap.bulletins.map((x) => x.id);
    case "Measure":
      return snap.measures.map((x) => x.id);
    case "Responsibility":
      return snap.responsibilities.map((x) => x.id);
    case "BulletinItem":
      return snap.items.map((x) => x.id);
    case "JournalEntry":
      return snap.journal.map((x) => x.seq);
  }
}

/** By-id lookups of `ids`, ≤ 30 aliases a document; visible and hidden ones in separate documents. */
async function checkByIds(o: Oracle, type: NodeType, root: string, ids: number[]): Promise<void> {
  const name = o.v.spec.name;
  const field = (alias: string, id: number) =>
    root === "node" ? `${alias}: node(id: "${gid(type, id)}") { __typename ... on ${type} { ${SEL[type]} } }` : `${alias}: ${root}(id: "${gid(type, id)}") { ${SEL[type]} }`;
  const doc = (batch: number[]) => `query { ${batch.map((id, i) => field(`a${i}`, id)).join(" ")} }`;
  const gate = gateFor(o, root);
  if (gate) {
    for (const batch of chunks(ids, ALIASES)) {
      const q = doc(batch);
      expectRefused(o, `${root}(${type} ×${batch.length})`, await call(o.v.spec, q), gate, batch.length);
    }
    return;
  }
  const visible = ids.filter((id) => visibleById(o, type, id));
  const hidden = ids.filter((id) => !visibleById(o, type, id));
  const checkVisible = async (batch: number[]): Promise<void> => {
    const res = await call(o.v.spec, doc(batch));
    if (res.errors?.length || !res.data) {
      if (batch.length > 1) {
        for (const id of batch) await checkVisible([id]);
        return;
      }
      tally.pairs++;
      tally.report("missing", name, `${root}(${type}:${batch[0]})`, `visible object refused: ${JSON.stringify(res.errors).slice(0, 300)}`);
      return;
    }
    batch.forEach((id, i) => {
      tally.pairs++;
      const got = res.data![`a${i}`] as Record<string, unknown> | null;
      const query = `${root}(${type}:${id})`;
      if (root === "node" && got && got.__typename !== type) tally.report("leak", name, query, `__typename ${String(got.__typename)}`);
      compare(tally, name, query, `${type}:${id}`, expectedShape(o, type, id), got);
    });
  };
  for (const batch of chunks(visible, ALIASES)) await checkVisible(batch);
  // A non-null root field that fails nulls the whole answer and only the first error is reported,
  // so each hidden lookup needs a request of its own: a sample, nearest to the viewer's scope first.
  await pool(hiddenSample(o, type, hidden), 4, async (id) => {
    const query = `${root}(${type}:${id})`;
    const res = await call(o.v.spec, doc([id]));
    tally.pairs++;
    const got = res.data?.a0;
    const code = codes(res)[0];
    if (got) tally.report("leak", name, query, `hidden object returned: ${JSON.stringify(got).slice(0, 300)}`);
    else if (code === undefined) tally.report("missing", name, query, `no error and no data`);
    else if (code !== "NOT_FOUND") tally.report("leak", name, query, `hidden object answered ${code}, not NOT_FOUND`);
  });
}

/** Where an object sits in the tree (the path its visibility follows); null for journal rows without one. */
function pathOf(type: NodeType, id: number): string | null {
  const f = (fid: number) => snap.findings.find((x) => x.id === fid)!.unit_path;
  switch (type) {
    case "Unit":
      return snap.units.find((x) => x.id === id)!.path;
    case "Person":
      return snap.people.find((x) => x.id === id)!.unit_path;
    case "Finding":
      return f(id);
    case "AccountabilityAction":
      return snap.actions.find((x) => x.id === id)!.unit_path;
    case "Bulletin":
      return snap.bulletins.find((x) => x.id === id)!.unit_path;
    case "Measure":
      return f(snap.measures.find((x) => x.id === id)!.finding_id);
    case "Responsibility":
      return f(snap.responsibilities.find((x) => x.id === id)!.finding_id);
    case "BulletinItem": {
      const bid = snap.items.find((x) => x.id === id)!.bulletin_id;
      return snap.bulletins.find((x) => x.id === bid)!.unit_path;
    }
    case "JournalEntry":
      return snap.journal.find((x) => x.seq === id)!.unit_path;
  }
}

/** Characters shared from the start: how close a hidden object is to what the viewer sees. */
function closeness(o: Oracle, path: string | null): number {
  if (path === null) return 1000;
  const scope = o.v.paths ?? [];
  let best = 0;
  for (const p of scope) {
    let n = 0;
    while (n < p.length && n < path.length && p[n] === path[n]) n++;
    // Also the numeric look-alikes: "/1/" against "/12/" shares "/1" before the separator.
    best = Math.max(best, n);
  }
  return best;
}

const HIDDEN_PER_TYPE = Number(process.env.LEAK_HIDDEN_PER_TYPE ?? 8);

/** Up to HIDDEN_PER_TYPE hidden ids: the closest half by path, the rest at random. */
function hiddenSample(o: Oracle, type: NodeType, hidden: number[]): number[] {
  if (hidden.length <= HIDDEN_PER_TYPE) return hidden;
  const ranked = hidden.map((id) => ({ id, c: closeness(o, pathOf(type, id)), r: fx.rng.next() })).sort((a, b) => b.c - a.c || a.r - b.r);
  const near = ranked.slice(0, Math.ceil(HIDDEN_PER_TYPE / 2)).map((x) => x.id);
  const rest = fx.rng.shuffle(ranked.slice(near.length)).slice(0, HIDDEN_PER_TYPE - near.length).map((x) => x.id);
  return [...near, ...rest];
}

// ---------------------------------------------------------------------------------------------
// Lists: every page, totalCount, no duplicates
// ---------------------------------------------------------------------------------------------

type ListExpect = { ids: string[] } | { error: "NOT_FOUND" } | { emptyOrNotFound: true };

async function checkList(o: Oracle, root: string, args: string, expected: ListExpect, nodeSel = "id"): Promise<void> {
  const name = o.v.spec.name;
  const query = `query($after: String) { ${root}(first: ${PAGE}, after: $after${args ? `, ${args}` : ""}) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${nodeSel} } } } }`;
  const label = `${root}(${args})`;
  const gate = gateFor(o, root);
  if (gate) {
    expectRefused(o, label, await call(o.v.spec, query, { after: null }), gate, 1);
    return;
  }
  tally.pairs++;
  const got: string[] = [];
  let after: string | null = null;
  let totalCount: number | null = null;
  for (let page = 0; page < 200; page++) {
    const res = await call(o.v.spec, query, { after });
    const conn = res.data?.[root] as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] } | undefined;
    if ("error" in expected || "emptyOrNotFound" in expected) {
      if (conn && conn.edges.length + conn.totalCount > 0) tally.report("leak", name, label, `filter names a hidden object: expected NOT_FOUND (or nothing), got ${conn.totalCount} rows: ${JSON.stringify(conn.edges.slice(0, 3))}`);
      else if (!conn) {
        const c = codes(res);
        if (c.length !== 1 || c[0] !== "NOT_FOUND") tally.report(c.includes("FORBIDDEN") ? "leak" : "missing", name, label, `expected NOT_FOUND, got ${JSON.stringify(c)}`);
      } else if ("error" in expected) tally.report("missing", name, label, `expected NOT_FOUND, got an empty list`);
      return;
    }
    if (!conn || res.errors?.length) {
      tally.report("missing", name, label, `list refused: ${JSON.stringify(res.errors).slice(0, 300)}`);
      return;
    }
    totalCount ??= conn.totalCount;
    got.push(...conn.edges.map((e) => e.node.id));
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  const want = "ids" in expected ? expected.ids : [];
  compare(tally, name, label, "ids", want, got);
  if (totalCount !== want.length) {
    tally.report(totalCount! > want.length ? "leak" : "missing", name, label, `totalCount ${totalCount}, oracle ${want.length}`);
  }
}

async function checkLists(o: Oracle): Promise<void> {
  const rng = fx.rng;
  const ids = (type: string, rows: { id: number }[]) => rows.map((r) => gid(type, r.id));
  const now = LEAK_NOW;
  const vf = o.findings();
  await checkList(o, "units", "", { ids: ids("Unit", o.units()) });
  await checkList(o, "people", "", { ids: ids("Person", o.people()) });
  await checkList(o, "findings", "", { ids: ids("Finding", vf) });
  await checkList(o, "findings", `orderBy: { field: UPDATED_AT, direction: DESC }`, { ids: ids("Finding", vf) });
  await checkList(o, "accountabilityActions", "", { ids: ids("AccountabilityAction", o.actions()) });
  await checkList(o, "bulletins", "", { ids: ids("Bulletin", o.bulletins()) });
  await checkList(o, "bulletins", "filter: { published: false }", { ids: ids("Bulletin", o.bulletins().filter((b) => !b.published)) });
  await checkList(o, "bulletins", "filter: { published: true }", { ids: ids("Bulletin", o.bulletins().filter((b) => b.published)) });
  await checkList(o, "journal", "since: 0", { ids: o.journalRows().map((j) => gid("JournalEntry", j.seq)) });
  const mid = Math.floor(snap.journal.length / 2);
  await checkList(o, "journal", `since: ${mid}`, { ids: o.journalRows().filter((j) => j.seq > mid).map((j) => gid("JournalEntry", j.seq)) });

  for (const status of ["OPEN", "RECTIFYING", "SUBMITTED", "VERIFIED", "WITHDRAWN"]) {
    await checkList(o, "findings", `filter: { status: [${status}] }`, { ids: ids("Finding", vf.filter((f) => f.status === status)) });
  }
  for (const flag of ["RED", "YELLOW", "BLACK"]) {
    await checkList(o, "findings", `filter: { flag: [${flag}] }`, { ids: ids("Finding", vf.filter((f) => flagOf(f, now).flag === flag)) });
  }
  await checkList(o, "findings", `filter: { overdue: true }`, { ids: ids("Finding", vf.filter((f) => flagOf(f, now).overdue)) });
  await checkList(o, "findings", `filter: { inWarning: true }`, { ids: ids("Finding", vf.filter((f) => flagOf(f, now).inWarning)) });

  // Subtree filters by unit: visible units narrow the list, hidden ones read as NOT_FOUND.
  const probeUnits = rng.shuffle(snap.units).slice(0, 4);
  for (const u of probeUnits) {
    const under = (path: string) => path.startsWith(u.path);
    const visible = o.unit(u.id);
    const exp = <T extends { id: number }>(type: string, rows: T[], path: (r: T) => string): ListExpect =>
      visible ? { ids: rows.filter((r) => under(path(r))).map((r) => gid(type, r.id)) } : { error: "NOT_FOUND" };
    await checkList(o, "units", `filter: { under: "${gid("Unit", u.id)}" }`, exp("Unit", o.units(), (r) => r.path));
    await checkList(o, "people", `filter: { unit: "${gid("Unit", u.id)}" }`, exp("Person", o.people(), (r) => r.unit_path));
    await checkList(o, "findings", `filter: { unit: "${gid("Unit", u.id)}" }`, exp("Finding", vf, (r) => r.unit_path));
    await checkList(o, "accountabilityActions", `filter: { unit: "${gid("Unit", u.id)}" }`, exp("AccountabilityAction", o.actions(), (r) => r.unit_path));
  }
  // Handler filter: only the visible findings of that handler, whoever the handler is.
  for (const p of rng.shuffle(snap.people).slice(0, 3)) {
    await checkList(o, "findings", `filter: { handler: "${gid("Person", p.id)}" }`, { ids: ids("Finding", vf.filter((f) => f.handler_id === p.id)) });
  }
  // Actions linked to a finding: a hidden finding must not reveal which visible actions name it.
  const linked = [...new Set(snap.actionFindings.map((l) => l.finding_id))];
  for (const fid of rng.shuffle(linked).slice(0, 5)) {
    const actions = o.actions().filter((a) => snap.actionFindings.some((l) => l.action_id === a.id && l.finding_id === fid));
    await checkList(
      o,
      "accountabilityActions",
      `filter: { finding: "${gid("Finding", fid)}" }`,
      o.finding(fid) ? { ids: ids("AccountabilityAction", actions) } : { emptyOrNotFound: true },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Board counters
// ---------------------------------------------------------------------------------------------

const BOARD_SEL = "unit { id } open overdue inWarning verified units { unit { id } open overdue inWarning red yellow black }";

function expectedBoard(o: Oracle, unitId: number | null) {
  let unit: Snapshot["units"][number] | null = null;
  let rows: Snapshot["units"];
  if (unitId !== null) {
    unit = o.unitById.get(unitId)!;
    rows = o.children(unitId);
  } else {
    const roots = o.roots();
    if (roots.length === 1) {
      unit = roots[0]!;
      rows = o.children(unit.id);
    } else rows = roots;
  }
  const t = o.counters(unit?.path ?? null, LEAK_NOW);
  return {
    unit: unit ? { id: gid("Unit", unit.id) } : null,
    open: t.open,
    overdue: t.overdue,
    inWarning: t.inWarning,
    verified: t.verified,
    units: rows.map((r) => {
      const c = o.counters(r.path, LEAK_NOW);
      return { unit: { id: gid("Unit", r.id) }, open: c.open, overdue: c.overdue, inWarning: c.inWarning, red: c.red, yellow: c.yellow, black: c.black };
    }),
  };
}

/** Counters are compared as numbers: more than the oracle is a leak, fewer a missing row. */
function compareBoard(o: Oracle, label: string, expected: ReturnType<typeof expectedBoard>, got: Record<string, any> | null | undefined): void {
  const name = o.v.spec.name;
  if (!got) {
    tally.report("missing", name, label, "no board");
    return;
  }
  compare(tally, name, label, "board.unit", expected.unit, got.unit);
  const nums = (where: string, e: Record<string, unknown>, g: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(e)) {
      if (typeof v !== "number") continue;
      if (g[k] !== v) tally.report(Number(g[k]) > v ? "leak" : "missing", name, label, `${where}.${k}: ${String(g[k])}, oracle ${v}`);
    }
  };
  nums("board", expected, got);
  const rows = (got.units ?? []) as { unit: { id: string } }[];
  compare(
    tally,
    name,
    label,
    "board.units",
    expected.units.map((r) => r.unit),
    rows.map((r) => r.unit),
  );
  for (const e of expected.units) {
    const g = rows.find((r) => r.unit.id === e.unit.id);
    if (g) nums(`board.units[${e.unit.id}]`, e, g as Record<string, unknown>);
  }
}

async function checkBoards(o: Oracle): Promise<void> {
  const gate = gateFor(o, "board");
  const name = o.v.spec.name;
  if (gate) {
    expectRefused(o, "board", await call(o.v.spec, `{ board { ${BOARD_SEL} } }`), gate, 1);
    return;
  }
  tally.pairs++;
  const res = await call(o.v.spec, `{ board { ${BOARD_SEL} } }`);
  if (res.errors?.length) tally.report("missing", name, "board", JSON.stringify(res.errors).slice(0, 300));
  else compareBoard(o, "board", expectedBoard(o, null), res.data?.board);

  // board(unit) for every unit: visible ones counted, hidden ones NOT_FOUND.
  const visible = snap.units.filter((u) => o.unit(u.id));
  const hidden = snap.units.filter((u) => !o.unit(u.id));
  const doc = (batch: { id: number }[]) => `query { ${batch.map((u, i) => `a${i}: board(unit: "${gid("Unit", u.id)}") { ${BOARD_SEL} }`).join(" ")} }`;
  for (const batch of chunks(visible, 15)) {
    const r = await call(o.v.spec, doc(batch));
    batch.forEach((u, i) => {
      tally.pairs++;
      if (r.errors?.length) tally.report("missing", name, `board(unit: ${u.id})`, JSON.stringify(r.errors).slice(0, 300));
      else compareBoard(o, `board(unit: ${u.id})`, expectedBoard(o, u.id), r.data?.[`a${i}`]);
    });
  }
  // Hidden units one request each (the first failing root field hides the others' errors).
  await pool(hiddenSample(o, "Unit", hidden.map((u) => u.id)), 4, async (id) => {
    const r = await call(o.v.spec, doc([{ id }]));
    tally.pairs++;
    const label = `board(unit: ${id})`;
    const code = codes(r)[0];
    if (r.data?.a0) tally.report("leak", name, label, `hidden unit's board: ${JSON.stringify(r.data.a0).slice(0, 200)}`);
    else if (code !== "NOT_FOUND") tally.report(code === "FORBIDDEN" ? "leak" : "missing", name, label, `expected NOT_FOUND, got ${code}`);
  });
}

// ---------------------------------------------------------------------------------------------

describe("leak test: every viewer × query against the oracle", () => {
  it("shows each viewer exactly what the oracle allows, and nothing else", async () => {
    const started = Date.now();
    const types: NodeType[] = ["Unit", "Person", "Finding", "AccountabilityAction", "Bulletin", "Measure", "Responsibility", "BulletinItem", "JournalEntry"];
    const phase = new Map<string, number>();
    const timed = async (key: string, f: () => Promise<void>) => {
      const t = Date.now();
      await f();
      phase.set(key, (phase.get(key) ?? 0) + Date.now() - t);
    };
    await pool(oracles, Number(process.env.LEAK_CONCURRENCY ?? 3), async (o) => {
      await timed("lists", () => checkLists(o));
      await timed("boards", () => checkBoards(o));
      for (const type of types) {
        const ids = allIds(type);
        const typed = TYPED_ROOT[type];
        if (typed) await timed(`${typed}`, () => checkByIds(o, type, typed, ids));
        await timed(`node:${type}`, () => checkByIds(o, type, "node", ids));
      }
    });
    console.log(`leak test phases (ms): ${[...phase].map(([k, v]) => `${k} ${v}`).join(", ")}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`leak test: seed ${fx.seed}, ${tally.pairs} viewer×query pairs, ${tally.leaks} leaks, ${tally.missing} missing rows (${seconds} s, ${fx.server.database.kind})`);
    if (tally.leaks || tally.missing) console.log(tally.summary());
    expect(tally.pairs).toBeGreaterThanOrEqual(1000);
    expect({ leaks: tally.leaks, missing: tally.missing }).toEqual({ leaks: 0, missing: 0 });
  }, 600_000);

  it("gives every role a non-trivial, distinct view (the oracle is not vacuous)", () => {
    const visibleFindings = oracles.map((o) => o.findings().length);
    const admin = oracles.find((o) => o.v.spec.kind === "ADMIN")!;
    expect(admin.findings().length).toBe(snap.findings.length);
    // Every scoped user sees some but not all of the tree; display tokens see units but no findings.
    for (const o of oracles) {
      if (o.v.anonymous || o.v.spec.kind === "ADMIN") continue;
      expect(o.units().length, o.v.spec.name).toBeLessThan(snap.units.length);
      if (o.v.display) expect(o.findings().length).toBe(0);
    }
    expect(new Set(visibleFindings).size).toBeGreaterThan(4);
  });
});
