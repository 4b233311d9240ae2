/**
 * Leak test (issue 4, point 3): for every viewer × query — lists with full paging and totalCount,
 * by-id lookups of every object in the database (typed root fields and node), nested references,
 * board counters and the journal — the API's answer is compared with an independent oracle
 * (test/support/leak-oracle.ts) of what that viewer may see. Prints the seed; LEAK_SEED replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLeakFixture, gid, LEAK_NOW, type LeakFixture, type ViewerSpec } from "./support/leak-fixture.js";
import { chunks, codes, compare, pool, Tally } from "./support/leak-check.js";
import { loadSnapshot, Oracle, scopeOfSpec, type Snapshot, flagOf, shanghaiDay } from "./support/leak-oracle.js";
import type { GraphQLResponse } from "./support/server.js";
import { workbookSheets } from "./support/xlsx.js";

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
  // Picks and feedback have no id of their own: an alias gives the comparison a key.
  SamplingRound: "id office { id } drawnBy { id } comparedWith { id } picks { id: position unit { id } } findings { id }",
  SupervisionItem: "id unit { id } openedBy { id } feedback { id: text author { id } } notices { id issuedBy { id } item { id } findings { id } }",
  SupervisionNotice: "id item { id } issuedBy { id } findings { id }",
  Plan:
    "id unit { id } createdBy { id } findings { id } milestones { id owner { id } plan { id } } flagCounts { total red yellow black withdrawn } " +
    "timetable { kind owner { id } milestone { id } measure { id } finding { id } } progress(step: MONTH) { red yellow black withdrawn notYetFound }",
  PlanMilestone: "id owner { id } plan { id }",
} as const;
type NodeType = keyof typeof SEL;

function expectedShape(o: Oracle, type: NodeType, id: number): Record<string, unknown> {
  const ref = (t: "Unit" | "Person" | "Finding" | "SamplingRound" | "SupervisionItem" | "Plan", rid: number | null) => {
    if (rid === null) return null;
    const visible =
      t === "Unit" ? o.unit(rid)
      : t === "Person" ? o.person(rid)
      : t === "Finding" ? o.finding(rid)
      : t === "SamplingRound" ? o.round(rid)
      : t === "SupervisionItem" ? o.supItem(rid)
      : o.plan(rid);
    return visible ? { id: gid(t, rid) } : null;
  };
  const noticeShape = (n: Snapshot["supNotices"][number]) => ({
    id: gid("SupervisionNotice", n.id),
    item: ref("SupervisionItem", n.item_id),
    issuedBy: ref("Person", n.issued_by),
    findings: snap.findings.filter((f) => f.supervision_notice_id === n.id && o.finding(f.id)).map((f) => ({ id: gid("Finding", f.id) })),
  });
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
    case "SamplingRound": {
      const r = o.roundById.get(id)!;
      return {
        id: gid("SamplingRound", id),
        office: ref("Unit", r.office_id),
        drawnBy: ref("Person", r.drawn_by),
        comparedWith: ref("SamplingRound", r.compared_with),
        picks: snap.picks.filter((p) => p.round_id === id && o.pick(p)).map((p) => ({ id: p.position, unit: ref("Unit", p.unit_id) })),
        findings: snap.findings.filter((f) => f.sampling_round_id === id && o.finding(f.id)).map((f) => ({ id: gid("Finding", f.id) })),
      };
    }
    case "SupervisionItem": {
      const i = o.supItemById.get(id)!;
      return {
        id: gid("SupervisionItem", id),
        unit: ref("Unit", i.unit_id),
        openedBy: ref("Person", i.opened_by),
        feedback: snap.supFeedback.filter((f) => f.item_id === id).map((f) => ({ id: f.text, author: ref("Person", f.author_id) })),
        notices: snap.supNotices.filter((n) => n.item_id === id).map(noticeShape),
      };
    }
    case "SupervisionNotice":
      return noticeShape(snap.supNotices.find((n) => n.id === id)!);
    case "Plan": {
      const p = o.planById.get(id)!;
      const fids = o.planFindingIds(id);
      const flags = fids.map((fid) => flagOf(o.findingById.get(fid)!, LEAK_NOW).flag);
      const count = (flag: string | null) => flags.filter((f) => f === flag).length;
      const today = shanghaiDay(LEAK_NOW);
      const to = today < p.ends_on ? today : p.ends_on;
      return {
        id: gid("Plan", id),
        unit: ref("Unit", p.unit_id),
        createdBy: ref("Person", p.created_by),
        findings: fids.map((fid) => ({ id: gid("Finding", fid) })),
        milestones: snap.milestones.filter((m) => m.plan_id === id).map((m) => ({ id: gid("PlanMilestone", m.id), owner: ref("Person", m.owner_id), plan: { id: gid("Plan", id) } })),
        flagCounts: { total: fids.length, red: count("RED"), yellow: count("YELLOW"), black: count("BLACK"), withdrawn: count(null) },
        timetable: [
          ...snap.milestones.filter((m) => m.plan_id === id).map((m) => ({ id: gid("PlanMilestone", m.id), owner: ref("Person", m.owner_id), finding: null })),
          ...snap.measures
            .filter((m) => fids.includes(m.finding_id))
            .map((m) => ({ id: gid("Measure", m.id), owner: ref("Person", m.owner_id), finding: { id: gid("Finding", m.finding_id) } })),
        ],
        progress: to < p.starts_on ? "" : String(fids.length),
      };
    }
    case "PlanMilestone": {
      const m = snap.milestones.find((x) => x.id === id)!;
      return { id: gid("PlanMilestone", id), owner: ref("Person", m.owner_id), plan: ref("Plan", m.plan_id) };
    }
  }
}

/**
 * Answer fields without a key of their own, brought into a comparable form: a plan's timetable
 * entries keyed by their milestone or measure, its progress chart as the distinct totals per point
 * (every point counts each visible finding of the plan once).
 */
function normalize(type: NodeType, got: Record<string, any> | null): Record<string, any> | null {
  if (!got || type !== "Plan") return got;
  const out = { ...got };
  if (Array.isArray(got.timetable)) {
    out.timetable = got.timetable.map((e: any) => ({ id: e.milestone?.id ?? e.measure?.id ?? `no ${e.kind} reference`, owner: e.owner, finding: e.finding }));
  }
  if (Array.isArray(got.progress)) {
    out.progress = [...new Set(got.progress.map((p: any) => p.red + p.yellow + p.black + p.withdrawn + p.notYetFound))].join(",");
  }
  return out;
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
    case "SamplingRound":
      return o.round(id);
    case "SupervisionItem":
      return o.supItem(id);
    case "SupervisionNotice":
      return o.supNotice(id);
    case "Plan":
      return o.plan(id);
    case "PlanMilestone":
      return o.milestone(id);
  }
}

const TYPED_ROOT: Partial<Record<NodeType, string>> = {
  Unit: "unit",
  Person: "person",
  Finding: "finding",
  AccountabilityAction: "accountabilityAction",
  Bulletin: "bulletin",
  Plan: "plan",
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
    case "SamplingRound":
      return snap.rounds.map((x) => x.id);
    case "SupervisionItem":
      return snap.supItems.map((x) => x.id);
    case "SupervisionNotice":
      return snap.supNotices.map((x) => x.id);
    case "Plan":
      return snap.plans.map((x) => x.id);
    case "PlanMilestone":
      return snap.milestones.map((x) => x.id);
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
      compare(tally, name, query, `${type}:${id}`, expectedShape(o, type, id), normalize(type, got));
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
    case "SamplingRound":
      return snap.rounds.find((x) => x.id === id)!.office_path;
    case "SupervisionItem":
      return snap.supItems.find((x) => x.id === id)!.unit_path;
    case "SupervisionNotice":
      return snap.supNotices.find((x) => x.id === id)!.unit_path;
    case "Plan":
      return snap.plans.find((x) => x.id === id)!.unit_path;
    case "PlanMilestone": {
      const pid = snap.milestones.find((x) => x.id === id)!.plan_id;
      return snap.plans.find((x) => x.id === pid)!.unit_path;
    }
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

  // 特别抽样评估, 检务督察, 一院一策.
  const today = shanghaiDay(now);
  const rounds = o.rounds();
  const items = o.supItems();
  const plans = o.plans();
  await checkList(o, "samplingRounds", "", { ids: ids("SamplingRound", rounds) });
  for (const city of snap.units.filter((u) => u.kind === "OFFICE" && u.level === "CITY")) {
    await checkList(
      o,
      "samplingRounds",
      `filter: { office: "${gid("Unit", city.id)}" }`,
      o.unit(city.id) ? { ids: ids("SamplingRound", rounds.filter((r) => r.office_id === city.id)) } : { error: "NOT_FOUND" },
    );
  }
  await checkList(o, "supervisionItems", "", { ids: ids("SupervisionItem", items) });
  await checkList(o, "supervisionItems", "filter: { status: OPEN }", { ids: ids("SupervisionItem", items.filter((i) => i.status === "OPEN")) });
  await checkList(o, "supervisionItems", "filter: { overdue: true }", { ids: ids("SupervisionItem", items.filter((i) => i.status === "OPEN" && i.deadline < today)) });
  await checkList(o, "plans", "", { ids: ids("Plan", plans) });
  await checkList(o, "plans", "filter: { status: ACTIVE }", { ids: ids("Plan", plans.filter((p) => p.status === "ACTIVE")) });

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
    // Two of the four probes for the new lists (they hold few rows; the filter path is the same).
    if (u === probeUnits[0] || u === probeUnits[1]) {
      await checkList(o, "supervisionItems", `filter: { unit: "${gid("Unit", u.id)}" }`, exp("SupervisionItem", items, (r) => r.unit_path));
      await checkList(o, "plans", `filter: { unit: "${gid("Unit", u.id)}" }`, exp("Plan", plans, (r) => r.unit_path));
    }
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
// 特别抽样评估: plan, re-draw and comparison; 督察专报 and its XLSX export
// ---------------------------------------------------------------------------------------------

type OneExpect = { code: string } | { judge: (data: Record<string, any>) => void };

/** One request whose answer is data (judged) or exactly one expected error code; gated like the rest. */
async function checkOne(o: Oracle, label: string, root: string, query: string, expected: OneExpect): Promise<void> {
  const gate = gateFor(o, root);
  if (gate) {
    expectRefused(o, label, await call(o.v.spec, query), gate, 1);
    return;
  }
  tally.pairs++;
  const name = o.v.spec.name;
  const res = await call(o.v.spec, query);
  const data = res.data?.[root] as Record<string, any> | null | undefined;
  if ("code" in expected) {
    const got = codes(res);
    if (data) tally.report("leak", name, label, `expected ${expected.code}, got data ${JSON.stringify(data).slice(0, 300)}`);
    else if (got.length !== 1 || got[0] !== expected.code) {
      // Anything but NOT_FOUND about a hidden object tells that it exists.
      const telling = expected.code === "NOT_FOUND" && got.some((c) => c !== "NOT_FOUND");
      tally.report(telling ? "leak" : "missing", name, label, `expected ${expected.code}, got ${JSON.stringify(got)}: ${JSON.stringify(res.errors).slice(0, 200)}`);
    }
    return;
  }
  if (!data || res.errors?.length) {
    tally.report("missing", name, label, `refused: ${JSON.stringify(res.errors).slice(0, 300)}`);
    return;
  }
  expected.judge(data);
}

/** Every unit an answer names must be visible and inside `path`. */
function unitsWithin(o: Oracle, label: string, path: string, unitIds: (string | undefined)[]): void {
  for (const id of unitIds) {
    const u = id === undefined ? undefined : snap.units.find((x) => gid("Unit", x.id) === id);
    if (!u || !o.unit(u.id) || !u.path.startsWith(path)) tally.report("leak", o.v.spec.name, label, `names unit ${id}, hidden or outside ${path}`);
  }
}

async function checkSampling(o: Oracle): Promise<void> {
  const name = o.v.spec.name;
  const cities = snap.units.filter((u) => u.kind === "OFFICE" && u.level === "CITY");
  const planSel = "office { id } roundsDrawn units { unit { id } }";
  const judgePlan = (city: Snapshot["units"][number], label: string) => (d: Record<string, any>) => {
    compare(tally, name, label, "office", { id: gid("Unit", city.id) }, d.office);
    const drawn = snap.rounds.filter((r) => r.office_id === city.id && r.year === 2026).length;
    if (d.roundsDrawn !== drawn) tally.report(d.roundsDrawn > drawn ? "leak" : "missing", name, label, `roundsDrawn ${d.roundsDrawn}, oracle ${drawn}`);
    if (!d.units?.length) tally.report("missing", name, label, "no units");
    unitsWithin(o, label, city.path, (d.units ?? []).map((x: any) => x.unit?.id));
  };
  // Without an office: the only city office the viewer sees, else BAD_USER_INPUT.
  const seen = cities.filter((c) => o.unit(c.id));
  await checkOne(o, "samplingPlan(year: 2026)", "samplingPlan", `{ samplingPlan(year: 2026) { ${planSel} } }`,
    seen.length === 1 ? { judge: judgePlan(seen[0]!, "samplingPlan(year: 2026)") } : { code: "BAD_USER_INPUT" });
  // A visible city office means its whole subtree is visible: the first one stands for the others.
  const firstSeen = seen[0];
  for (const city of cities.filter((c) => c === firstSeen || !o.unit(c.id))) {
    const office = gid("Unit", city.id);
    const visible = o.unit(city.id);
    const label = `samplingPlan(office: ${city.id})`;
    await checkOne(o, label, "samplingPlan", `{ samplingPlan(year: 2026, office: "${office}") { ${planSel} } }`, visible ? { judge: judgePlan(city, label) } : { code: "NOT_FOUND" });
    // The fixture gives a city office a comprehensive department (and so a drawable tree) exactly when it draws rounds.
    const drawable = snap.rounds.some((r) => r.office_id === city.id);
    const preview = `previewSamplingRound(office: ${city.id})`;
    await checkOne(
      o,
      preview,
      "previewSamplingRound",
      `{ previewSamplingRound(year: 2026, round: 1, seed: "leak-probe", office: "${office}") { picks { unit { id } } } }`,
      !visible ? { code: "NOT_FOUND" } : !drawable ? { code: "BAD_USER_INPUT" } : {
        judge: (d) => {
          if (!d.picks?.length) tally.report("missing", name, preview, "no picks");
          unitsWithin(o, preview, city.path, (d.picks ?? []).map((p: any) => p.unit?.id));
        },
      },
    );
  }

  // Comparisons: within an office both ways, and across two offices.
  const offices = [...new Set(snap.rounds.map((r) => r.office_id))];
  const pairs: [Snapshot["rounds"][number], Snapshot["rounds"][number]][] = [];
  for (const id of offices) {
    const rs = snap.rounds.filter((r) => r.office_id === id);
    if (rs.length >= 2) pairs.push([rs[0]!, rs.at(-1)!], [rs.at(-1)!, rs[0]!]);
  }
  if (offices.length >= 2) pairs.push([snap.rounds.find((r) => r.office_id === offices[0])!, snap.rounds.find((r) => r.office_id === offices[1])!]);
  for (const [a, b] of pairs) {
    const label = `compareSamplingRounds(${a.id}, ${b.id})`;
    const q = `{ compareSamplingRounds(a: "${gid("SamplingRound", a.id)}", b: "${gid("SamplingRound", b.id)}") { earlier { id } later { id } items { finding { id } resolved } laterFindings { id } resolved unresolved } }`;
    if (!o.round(a.id) || !o.round(b.id)) {
      await checkOne(o, label, "compareSamplingRounds", q, { code: "NOT_FOUND" });
      continue;
    }
    if (a.office_id !== b.office_id) {
      await checkOne(o, label, "compareSamplingRounds", q, { code: "BAD_USER_INPUT" });
      continue;
    }
    const [earlier, later] = a.year * 100 + a.round <= b.year * 100 + b.round ? [a, b] : [b, a];
    const found = (r: typeof a) => snap.findings.filter((f) => f.sampling_round_id === r.id && f.status !== "WITHDRAWN" && o.finding(f.id));
    const items = found(earlier);
    const resolved = items.filter((f) => f.status === "VERIFIED").length;
    await checkOne(o, label, "compareSamplingRounds", q, {
      judge: (d) =>
        compare(tally, name, label, "comparison", {
          earlier: { id: gid("SamplingRound", earlier.id) },
          later: { id: gid("SamplingRound", later.id) },
          items: items.map((f) => ({ id: gid("Finding", f.id), resolved: f.status === "VERIFIED" })),
          laterFindings: found(later).map((f) => ({ id: gid("Finding", f.id) })),
          resolved,
          unresolved: items.length - resolved,
        }, { ...d, items: (d.items ?? []).map((i: any) => ({ id: i.finding?.id, resolved: i.resolved })) }),
    });
  }
}

const REPORT_SEL =
  "unit { id } opened closed open overdue suggestions rectificationNotices byUnit { unit { id } own opened closed open overdue } overdueItems { id }";

/** 督察专报 as the oracle computes it: the viewer's visible items and notices under the report unit. */
function expectedReport(o: Oracle, month: string, unitId: number | null) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const firstDay = `${month}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  const start = Date.parse(`${firstDay}T00:00:00+08:00`);
  const end = Date.parse(`${next}T00:00:00+08:00`);
  const asOf = end > LEAK_NOW.getTime() ? LEAK_NOW.getTime() : end - 1;
  const lastDay = shanghaiDay(new Date(end - 1));
  const asOfDay = shanghaiDay(new Date(asOf));
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
  const items = o.supItems().filter((i) => !unit || i.unit_path.startsWith(unit.path));
  const isOpen = (i: Snapshot["supItems"][number]) => i.started_on <= asOfDay && (i.closed_at_ms === null || i.closed_at_ms > asOf);
  const counts = (list: Snapshot["supItems"]) => ({
    opened: list.filter((i) => i.started_on >= firstDay && i.started_on <= lastDay).length,
    closed: list.filter((i) => i.closed_at_ms !== null && i.closed_at_ms >= start && i.closed_at_ms < end).length,
    open: list.filter(isOpen).length,
    overdue: list.filter((i) => isOpen(i) && i.deadline < asOfDay).length,
  });
  const own = unit ? counts(items.filter((i) => i.unit_path === unit!.path)) : null;
  const byUnit = rows.map((r) => ({ id: gid("Unit", r.id), name: r.name, own: false, ...counts(items.filter((i) => i.unit_path.startsWith(r.path))) }));
  if (own && own.opened + own.closed + own.open + own.overdue > 0) byUnit.unshift({ id: `${gid("Unit", unit!.id)}/own`, name: unit!.name, own: true, ...own });
  const notices = snap.supNotices.filter((n) => o.supNotice(n.id) && (!unit || n.unit_path.startsWith(unit.path)) && n.issued_at_ms >= start && n.issued_at_ms < end);
  const overdue = items.filter((i) => isOpen(i) && i.deadline < asOfDay);
  return {
    unit: unit ? { id: gid("Unit", unit.id) } : null,
    unitName: unit?.name ?? "",
    ...counts(items),
    suggestions: notices.filter((n) => n.kind === "SUGGESTION").length,
    rectificationNotices: notices.filter((n) => n.kind === "RECTIFICATION_NOTICE").length,
    byUnit,
    overdueItems: overdue.slice(0, 50).map((i) => ({ id: gid("SupervisionItem", i.id), code: i.code })),
  };
}

const REPORT_NUMBERS = ["opened", "closed", "open", "overdue", "suggestions", "rectificationNotices"] as const;

async function checkSupervisionReports(o: Oracle): Promise<void> {
  const name = o.v.spec.name;
  const probe = fx.rng.pick(snap.units);
  const cases: [string, number | null][] = [["2026-03", null], ["2026-02", null], ["2026-03", probe.id]];
  for (const [month, unitId] of cases) {
    const label = `supervisionReport(${month}${unitId === null ? "" : `, unit: ${unitId}`})`;
    const q = `{ supervisionReport(month: "${month}"${unitId === null ? "" : `, unit: "${gid("Unit", unitId)}"`}) { ${REPORT_SEL} } }`;
    if (unitId !== null && !o.unit(unitId)) {
      await checkOne(o, label, "supervisionReport", q, { code: "NOT_FOUND" });
      continue;
    }
    const e = expectedReport(o, month, unitId);
    await checkOne(o, label, "supervisionReport", q, {
      judge: (d) => {
        compare(tally, name, label, "unit", e.unit, d.unit);
        for (const k of REPORT_NUMBERS) if (d[k] !== e[k]) tally.report(d[k] > e[k] ? "leak" : "missing", name, label, `${k}: ${d[k]}, oracle ${e[k]}`);
        const rows = (d.byUnit ?? []).map((r: any) => ({ id: `${r.unit?.id}${r.own ? "/own" : ""}`, opened: r.opened, closed: r.closed, open: r.open, overdue: r.overdue }));
        compare(tally, name, label, "byUnit", e.byUnit.map(({ name: _n, own: _o, ...r }) => r), rows);
        compare(tally, name, label, "overdueItems", e.overdueItems.map((i) => ({ id: i.id })), d.overdueItems);
      },
    });
  }
}

async function checkReportExport(o: Oracle, month: string, unitId: number | null): Promise<void> {
  const name = o.v.spec.name;
  const label = `GET /export/supervision-report.xlsx?month=${month}${unitId === null ? "" : `&unit=${unitId}`}`;
  const params = new URLSearchParams({ month, ...(unitId === null ? {} : { unit: gid("Unit", unitId) }) });
  const headers: Record<string, string> = {};
  if (o.v.spec.as.cookie) headers.cookie = o.v.spec.as.cookie;
  if (o.v.spec.as.bearer) headers.authorization = `Bearer ${o.v.spec.as.bearer}`;
  const res = await fetch(`${new URL(fx.server.url).origin}/export/supervision-report.xlsx?${params}`, { headers });
  tally.pairs++;
  const wantCode = gateFor(o, "supervisionReport") ?? (unitId !== null && !o.unit(unitId) ? "NOT_FOUND" : null);
  if (res.headers.get("content-type")?.includes("json")) {
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    const got = (body.errors ?? []).map((x) => String(x.extensions?.code));
    if (wantCode === null) tally.report("missing", name, label, `refused: ${JSON.stringify(body).slice(0, 300)}`);
    else if (got.length !== 1 || got[0] !== wantCode) tally.report(got.includes("FORBIDDEN") && wantCode === "NOT_FOUND" ? "leak" : "missing", name, label, `expected ${wantCode}, got ${JSON.stringify(got)}`);
    return;
  }
  if (wantCode !== null) {
    tally.report("leak", name, label, `expected ${wantCode}, got a workbook (status ${res.status})`);
    return;
  }
  const e = expectedReport(o, month, unitId);
  const sheets = await workbookSheets(Buffer.from(await res.arrayBuffer()));
  const summary = new Map((sheets.get("概况") ?? []).map((r) => [r[0], r[1]]));
  const numbers: [string, number][] = [["本月立项", e.opened], ["本月办结", e.closed], ["月末在办", e.open], ["月末超期", e.overdue]];
  for (const [k, v] of numbers) if (summary.get(k) !== String(v)) tally.report(Number(summary.get(k)) > v ? "leak" : "missing", name, label, `${k}: ${summary.get(k)}, oracle ${v}`);
  // The notice counts are the last two rows of the summary, after the four above.
  const rowsOf = sheets.get("概况") ?? [];
  const [sug, rect] = rowsOf.slice(-2).map((r) => r[1]);
  if (sug !== String(e.suggestions) || rect !== String(e.rectificationNotices)) tally.report(Number(sug) + Number(rect) > e.suggestions + e.rectificationNotices ? "leak" : "missing", name, label, `notices ${sug}/${rect}, oracle ${e.suggestions}/${e.rectificationNotices}`);
  if (summary.get("单位") !== e.unitName) tally.report("leak", name, label, `unit ${summary.get("单位")}, oracle ${e.unitName}`);
  // Rows as text, compared as multisets (units under different parents may share a name).
  const asText = (rows: string[][]) => rows.map((r) => JSON.stringify(r)).sort();
  const wantRows = asText(e.byUnit.map((r) => [r.own ? `${r.name}（本级）` : r.name, String(r.opened), String(r.closed), String(r.open), String(r.overdue)]));
  const gotRows = asText((sheets.get("按单位") ?? []).slice(1));
  const extra = [...gotRows];
  const lacking: string[] = [];
  for (const w of wantRows) {
    const at = extra.indexOf(w);
    if (at >= 0) extra.splice(at, 1);
    else lacking.push(w);
  }
  if (extra.length) tally.report("leak", name, label, `按单位: unexpected rows ${extra.join(" ").slice(0, 300)}`);
  if (lacking.length) tally.report("missing", name, label, `按单位: missing rows ${lacking.join(" ").slice(0, 300)}`);
  compare(tally, name, label, "超期事项", e.overdueItems.map((i) => i.code).sort(), (sheets.get("超期事项") ?? []).slice(1).map((r) => r[0]!).sort());
}

// ---------------------------------------------------------------------------------------------

describe("leak test: every viewer × query against the oracle", () => {
  it("shows each viewer exactly what the oracle allows, and nothing else", async () => {
    const started = Date.now();
    const types: NodeType[] = [
      "Unit",
      "Person",
      "Finding",
      "AccountabilityAction",
      "Bulletin",
      "Measure",
      "Responsibility",
      "BulletinItem",
      "JournalEntry",
      "SamplingRound",
      "SupervisionItem",
      "SupervisionNotice",
      "Plan",
      "PlanMilestone",
    ];
    const phase = new Map<string, number>();
    const timed = async (key: string, f: () => Promise<void>) => {
      const t = Date.now();
      await f();
      phase.set(key, (phase.get(key) ?? 0) + Date.now() - t);
    };
    await pool(oracles, Number(process.env.LEAK_CONCURRENCY ?? 3), async (o) => {
      await timed("lists", () => checkLists(o));
      await timed("boards", () => checkBoards(o));
      await timed("sampling", () => checkSampling(o));
      await timed("supervisionReport", () => checkSupervisionReports(o));
      // The XLSX export of the same report (same query, same scope): the whole tree for every other
      // viewer, a sampled unit's subtree for the rest; a workbook costs more than a query, so every
      // third viewer (and the refused ones, which cost nothing).
      const i = oracles.indexOf(o);
      if (i % 3 === 0 || o.v.display || o.v.anonymous) {
        await timed("supervisionExport", () => (i % 2 ? checkReportExport(o, "2026-03", null) : checkReportExport(o, "2026-03", fx.rng.pick(snap.units).id)));
      }
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
    // The new processes exist and are seen partly: rounds (some only through a drawn unit), items, plans.
    expect(snap.rounds.length).toBeGreaterThan(0);
    expect(snap.supItems.length).toBeGreaterThan(0);
    expect(snap.plans.length).toBeGreaterThan(0);
    expect(admin.rounds().length + admin.supItems().length + admin.plans().length).toBe(snap.rounds.length + snap.supItems.length + snap.plans.length);
    for (const o of oracles) if (o.v.display) expect(o.supItems().length + o.plans().length).toBe(0);
    const byPick = oracles.filter((o) => o.rounds().some((r) => !o.unit(r.office_id))).map((o) => o.v.spec.name);
    console.log(
      `processes seen (rounds/items/notices/plans/milestones of ${snap.rounds.length}/${snap.supItems.length}/${snap.supNotices.length}/${snap.plans.length}/${snap.milestones.length}): ` +
        oracles
          .map((o) => `${o.v.spec.name} ${o.rounds().length}/${o.supItems().length}/${snap.supNotices.filter((n) => o.supNotice(n.id)).length}/${o.plans().length}/${snap.milestones.filter((m) => o.milestone(m.id)).length}`)
          .join(", ") +
        `; rounds seen only through a drawn unit by: ${byPick.join(", ") || "nobody"}`,
    );
  });
});
