/**
 * Leak test for subscription events (issue 4, point 3, second test): every viewer subscribes over
 * graphql-ws (journalEvents from seq 0, ledgerChanged, findingChanged on a visible and a hidden
 * finding, boardChanged), a series of mutations runs across the generated tree, and each viewer
 * must receive exactly the journal rows the oracle allows — in seq order, no more, no less.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLeakFixture, gid, prng, rowIdOf, type LeakFixture, type ViewerSpec } from "./support/leak-fixture.js";
import { Tally } from "./support/leak-check.js";
import { loadSnapshot, Oracle, scopeOfSpec, type Snapshot } from "./support/leak-oracle.js";
import { liveClient, type Collected, type LiveClient } from "./support/ws.js";

let fx: LeakFixture;
const clients: LiveClient[] = [];
const tally = new Tally();

beforeAll(async () => {
  fx = await buildLeakFixture({ findings: [60, 90] });
}, 300_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await fx?.server.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const JOURNAL = `subscription { journalEvents(since: 0) { seq action entity entityId } }`;
const LEDGER = `subscription { ledgerChanged { seq action matches finding { id } } }`;
const FINDING = `subscription($id: ID!) { findingChanged(id: $id) { id status } }`;
const BOARD = `subscription { boardChanged { unit { id } open overdue inWarning verified } }`;
/** The journal rows of 特别抽样评估, 检务督察 and 一院一策, live only (the entity filter's own path). */
const PROCESS_ENTITIES = ["SamplingRound", "SupervisionItem", "SupervisionFeedback", "SupervisionNotice", "Plan"];
const PROCESSES = `subscription { journalEvents(filter: { entity: ${JSON.stringify(PROCESS_ENTITIES)} }) { seq action entity entityId } }`;

type JournalEvent = { journalEvents: { seq: number; action: string; entity: string; entityId: string } };
type LedgerEvent = { ledgerChanged: { seq: number; action: string; matches: boolean; finding: { id: string } } };
type FindingEvent = { findingChanged: { id: string; status: string } };
type BoardEvent = { boardChanged: { unit: { id: string } | null; open: number; overdue: number; inWarning: number; verified: number } };

interface Watch {
  spec: ViewerSpec;
  oracle: Oracle;
  journal: Collected<JournalEvent>;
  ledger: Collected<LedgerEvent>;
  board: Collected<BoardEvent>;
  processes: Collected<JournalEvent>;
  visibleFinding: { id: number; sub: Collected<FindingEvent> } | null;
  hiddenFinding: { id: number; sub: Collected<FindingEvent> } | null;
}

const errorText = (c: Collected<unknown>) => JSON.stringify(c.errors);
const hasCode = (c: Collected<unknown>, code: string) => errorText(c).includes(code);

/** Waits until `n` items arrived or the time is up; never throws. */
async function settle(c: Collected<unknown>, n: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (c.items.length < n && !c.errors.length && Date.now() < until) await sleep(50);
}

/** The viewer-independent mutation series, through the API as ADMIN (cookie). */
async function runMutations(snap: Snapshot, seed: number): Promise<number> {
  const rng = prng(seed ^ 0x5eed);
  const s = fx.server;
  let n = 0;
  const m = async (query: string, variables: Record<string, unknown>) => {
    const data = await s.ok<Record<string, { id: string }>>(query, variables);
    n++;
    return Object.values(data)[0]!;
  };
  const units = fx.units;
  const depts = units.filter((u) => u.kind === "DEPARTMENT");
  const allPeople = units.flatMap((u) => u.people);
  const made: { id: string; unit: (typeof units)[number]; handler: number | null; status: string }[] = [];
  const step = (name: string, input: Record<string, unknown>, type = "FindingStepInput") =>
    m(`mutation($input: ${type}!) { ${name}(input: $input) { id } }`, { input });

  // New findings in every part of the tree, some already overdue.
  for (let i = 0; i < 24; i++) {
    const unit = rng.chance(0.8) ? rng.pick(depts) : rng.pick(units);
    const handler = rng.chance(0.9) ? rng.pick(unit.people) : null;
    const back = rng.int(0, 30);
    const found = new Date(s.clock.now().getTime() - back * 86_400_000);
    const foundDay = new Date(found.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const deadline = new Date(Date.parse(`${foundDay}T00:00:00Z`) + rng.int(0, 40) * 86_400_000).toISOString().slice(0, 10);
    const f = await m(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: {
        title: `实时问题${i + 1}`,
        description: "订阅测试",
        unit: unit.gid,
        handler: handler ? gid("Person", handler) : null,
        category: "CASE_PROCEDURE",
        severity: "FLAW",
        source: "PROCESS_MONITORING",
        rectificationClass: "IMMEDIATE",
        deadline,
        foundAt: found.toISOString(),
      },
    });
    made.push({ id: f.id, unit, handler, status: "OPEN" });
  }
  // Steps on the new findings and on existing ones.
  for (const row of snap.findings.filter((f) => f.status === "OPEN").slice(0, 10)) {
    await step("startRectification", { id: gid("Finding", row.id) });
  }
  for (const f of made) {
    if (rng.chance(0.4)) await step("addMeasure", { id: f.id, text: "措施", owner: gid("Person", rng.pick(allPeople)), due: "2026-04-30" }, "AddMeasureInput");
    if (rng.chance(0.2)) await step("assignResponsibility", { id: f.id, tier: "DIRECT", unit: rng.pick(units).gid }, "AssignResponsibilityInput");
    if (rng.chance(0.7)) {
      await step("startRectification", { id: f.id });
      f.status = "RECTIFYING";
      if (rng.chance(0.6)) {
        await step("submitRectification", { id: f.id });
        f.status = "SUBMITTED";
        if (rng.chance(0.5)) {
          const verifier = rng.pick(allPeople.filter((p) => p !== f.handler));
          await step("verifyRectification", { id: f.id, verifier: gid("Person", verifier) }, "VerifyRectificationInput");
          f.status = "VERIFIED";
        } else if (rng.chance(0.4)) {
          await step("rejectRectification", { id: f.id, reason: "不到位" }, "ReasonStepInput");
          f.status = "RECTIFYING";
        }
      }
    }
    if (f.status !== "VERIFIED" && rng.chance(0.1)) {
      await step("withdrawFinding", { id: f.id, reason: "撤销" }, "ReasonStepInput");
      f.status = "WITHDRAWN";
    }
  }
  // Accountability, bulletins, a new unit and people.
  for (let i = 0; i < 3; i++) {
    const f = rng.pick(made.filter((x) => x.status !== "WITHDRAWN"));
    await m(`mutation($input: RecordAccountabilityActionInput!) { recordAccountabilityAction(input: $input) { id } }`, {
      input: { kind: "TALK", targetUnit: f.unit.gid, findings: [f.id], reason: "实时问责" },
    });
  }
  for (let i = 0; i < 3; i++) {
    const office = rng.pick(units.filter((u) => u.kind === "OFFICE"));
    const inside = made.filter((f) => f.unit.ids.includes(office.id));
    const items = inside.length ? [{ kind: "CRITICISM", finding: inside[0]!.id }] : [{ kind: "HIGHLIGHT", text: "亮点" }];
    const b = await m(`mutation($input: CreateBulletinInput!) { createBulletin(input: $input) { id } }`, { input: { unit: office.gid, kind: "GOVERNANCE", title: `实时通报${i}`, items } });
    if (i < 2) await m(`mutation($id: ID!) { publishBulletin(id: $id) { id } }`, { id: b.id });
  }
  // 检务督察: items across the tree, feedback, a notice whose problems open findings, a closing.
  const today = new Date(s.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const later = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const pathOf = (u: (typeof units)[number]) => `/${u.ids.join("/")}/`;
  for (let i = 0; i < 3; i++) {
    const unit = rng.pick(units);
    const item = (await m(`mutation($input: OpenSupervisionItemInput!) { openSupervisionItem(input: $input) { id version } }`, {
      input: { title: `实时督察${i + 1}`, source: "ROUTINE", requirements: "一周办结", unit: unit.gid },
    })) as unknown as { id: string; version: number };
    await m(`mutation($input: AddSupervisionFeedbackInput!) { addSupervisionFeedback(input: $input) { text } }`, { input: { item: item.id, text: `实时反馈${i + 1}` } });
    const below = units.filter((u) => u.ids.includes(unit.id));
    await m(`mutation($input: IssueSupervisionNoticeInput!) { issueSupervisionNotice(input: $input) { id } }`, {
      input: {
        item: item.id,
        kind: "RECTIFICATION_NOTICE",
        text: `实时整改通知${i + 1}`,
        problems: [0, 1].map((k) => ({
          title: `实时督察问题${i + 1}-${k + 1}`,
          description: "督察发现",
          unit: rng.pick(below).gid,
          category: "CASE_PROCEDURE",
          severity: "FLAW",
          rectificationClass: "IMMEDIATE",
          deadline: later(rng.int(0, 20)),
        })),
      },
    });
    if (i === 0) await m(`mutation($input: CloseSupervisionItemInput!) { closeSupervisionItem(input: $input) { id } }`, { input: { id: item.id, version: item.version, summary: "办结" } });
  }
  // 一院一策: a plan with findings and milestones, more findings, a milestone done.
  for (let i = 0; i < 2; i++) {
    const withFindings = units.filter((u) => snap.findings.some((f) => f.status !== "WITHDRAWN" && f.unit_path.startsWith(pathOf(u))));
    const unit = rng.pick(withFindings);
    const own = rng.shuffle(snap.findings.filter((f) => f.status !== "WITHDRAWN" && f.unit_path.startsWith(pathOf(unit)))).slice(0, 4);
    const plan = (await m(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { id milestones { id } } }`, {
      input: {
        unit: unit.gid,
        title: `实时一院一策${i + 1}`,
        startsOn: later(-10),
        endsOn: later(90),
        findings: own.slice(0, 1).map((f) => gid("Finding", f.id)),
        milestones: [{ title: "节点", dueOn: later(10), owner: gid("Person", rng.pick(allPeople)) }],
      },
    })) as unknown as { id: string; milestones: { id: string }[] };
    if (own.length > 1) await m(`mutation($input: AddPlanFindingsInput!) { addPlanFindings(input: $input) { id } }`, { input: { id: plan.id, findings: own.slice(1).map((f) => gid("Finding", f.id)) } });
    await m(`mutation($input: AddPlanMilestoneInput!) { addPlanMilestone(input: $input) { id } }`, { input: { id: plan.id, title: "追加节点", dueOn: later(20) } });
    await m(`mutation($input: CompletePlanMilestoneInput!) { completePlanMilestone(input: $input) { id } }`, { input: { milestone: plan.milestones[0]!.id } });
  }
  // 特别抽样评估: the next round of an office that draws, and a problem it found.
  const drawn = fx.processes.rounds;
  if (drawn.length) {
    const office = rng.pick(drawn).office;
    const next = drawn.filter((r) => r.office.id === office.id).length + 1;
    const round = await m(`mutation($input: DrawSamplingRoundInput!) { drawSamplingRound(input: $input) { id } }`, {
      input: { office: office.gid, year: 2026, round: next, seed: `live-${seed}` },
    });
    const picks = await s.ok<{ node: { picks: { unit: { id: string } }[] } }>(`query($id: ID!) { node(id: $id) { ... on SamplingRound { picks { unit { id } } } } }`, { id: round.id });
    const pick = rng.pick(picks.node.picks);
    await m(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: {
        title: "实时抽样问题",
        description: "抽样发现",
        unit: pick.unit.id,
        category: "LEGAL_DOCUMENTS",
        severity: "IRREGULAR",
        source: "SAMPLING",
        rectificationClass: "GRADUAL",
        deadline: later(15),
        samplingRound: round.id,
      },
    });
  }

  const parent = rng.pick(units.filter((u) => u.kind === "OFFICE"));
  const unit = await m(`mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }`, {
    input: { code: `LK-LIVE-${seed}`, name: "新设部门", kind: "DEPARTMENT", level: parent.level, businessLine: "公诉", parent: parent.gid },
  });
  await m(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`, { input: { name: "新人", unit: unit.id, position: "CLERK", head: true } });
  return n;
}

describe("leak test: subscription events against the oracle", () => {
  it("delivers each viewer exactly the events the oracle allows, in seq order", async () => {
    const started = Date.now();
    const db = fx.server.database;
    const before = await loadSnapshot(db);
    const seqBefore = before.journal.at(-1)?.seq ?? 0;
    const watches: Watch[] = [];
    const rng = prng(fx.seed ^ 0xe7e7);

    for (const spec of fx.viewers.filter((v) => v.kind !== "ANONYMOUS")) {
      const oracle = new Oracle(before, await scopeOfSpec(db, spec));
      const client = liveClient(fx.server.url, spec.as);
      clients.push(client);
      const visible = before.findings.filter((f) => oracle.finding(f.id));
      const hidden = before.findings.filter((f) => !oracle.finding(f.id));
      // Prefer a visible finding the mutations will touch (an OPEN one is started).
      const touched = visible.filter((f) => before.findings.filter((x) => x.status === "OPEN").slice(0, 10).some((x) => x.id === f.id));
      const vis = touched[0] ?? (visible.length ? rng.pick(visible) : null);
      const hid = hidden.length ? rng.pick(hidden) : null;
      watches.push({
        spec,
        oracle,
        journal: client.collect<JournalEvent>(JOURNAL),
        ledger: client.collect<LedgerEvent>(LEDGER),
        board: client.collect<BoardEvent>(BOARD),
        processes: client.collect<JournalEvent>(PROCESSES),
        visibleFinding: vis ? { id: vis.id, sub: client.collect<FindingEvent>(FINDING, { id: gid("Finding", vis.id) }) } : null,
        hiddenFinding: hid ? { id: hid.id, sub: client.collect<FindingEvent>(FINDING, { id: gid("Finding", hid.id) }) } : null,
      });
    }
    const anonymous = liveClient(fx.server.url, {});
    clients.push(anonymous);
    const anonJournal = anonymous.collect<JournalEvent>(JOURNAL);
    const anonBoard = anonymous.collect<BoardEvent>(BOARD);

    // The backlog first: each viewer's visible rows up to now (display tokens: refused).
    for (const w of watches) await settle(w.journal, w.oracle.v.display ? 1 : w.oracle.journalRows().length, 20_000);
    await sleep(500);

    const mutations = await runMutations(before, fx.seed);
    const after = await loadSnapshot(db);
    const live = after.journal.filter((j) => j.seq > seqBefore);

    const scopeChangeNotes: string[] = [];
    let expectedEvents = 0;
    let receivedEvents = 0;
    const subs = () => watches.length * 6 + 2;
    let processEvents = 0;
    for (const w of watches) {
      const name = w.spec.name;
      // The scope as the socket got it, and as it is now: they differ for a line supervisor when a
      // unit of their line was created meanwhile. Rows visible under only one of them may or may
      // not arrive (the subscription's scope is taken when it starts); they are counted apart.
      const o = new Oracle(after, await scopeOfSpec(db, w.spec));
      const oThen = new Oracle(after, w.oracle.v);
      const visibleRows = after.journal.filter((j) => o.journal(j) && oThen.journal(j));
      const allowed = new Set(after.journal.filter((j) => o.journal(j) || oThen.journal(j)).map((j) => j.seq));
      const liveFindingRows = live.filter((j) => j.entity === "Finding" && o.journal(j) && oThen.journal(j));

      // journalEvents(since: 0): exactly the visible rows, in seq order; display tokens refused.
      tally.pairs++;
      if (o.v.display) {
        await settle(w.journal, 1, 2000);
        if (w.journal.items.length) tally.report("leak", name, "journalEvents", `display token got ${w.journal.items.length} journal events`);
        if (!hasCode(w.journal, "FORBIDDEN")) tally.report("missing", name, "journalEvents", `expected FORBIDDEN, got ${errorText(w.journal).slice(0, 200)}`);
      } else {
        const want = visibleRows.map((j) => j.seq);
        const until = Date.now() + 20_000;
        const received = () => new Set(w.journal.items.map((i) => i.journalEvents.seq));
        while (Date.now() < until && !w.journal.errors.length && want.some((s) => !received().has(s))) await sleep(50);
        await sleep(100);
        const got = w.journal.items.map((i) => i.journalEvents.seq);
        expectedEvents += want.length;
        receivedEvents += got.length;
        const wantSet = new Set(want);
        const gotSet = new Set(got);
        for (const s of got) if (!allowed.has(s)) tally.report("leak", name, "journalEvents", `seq ${s} (${JSON.stringify(after.journal.find((j) => j.seq === s))}) is outside scope`);
        const scopeChanged = [...allowed].filter((s) => !wantSet.has(s));
        if (scopeChanged.length) {
          scopeChangeNotes.push(`${name}: ${scopeChanged.length} rows visible only under the scope before or after the mutations (seq ${scopeChanged.join(", ")}); received ${scopeChanged.filter((s) => gotSet.has(s)).length}`);
        }
        for (const s of want) if (!gotSet.has(s)) tally.report("missing", name, "journalEvents", `seq ${s} not received`);
        if (got.length !== gotSet.size) tally.report("leak", name, "journalEvents", "an event arrived twice");
        if (got.some((s, i) => i > 0 && s <= got[i - 1]!)) tally.report("missing", name, "journalEvents", "events out of seq order");
        for (const item of w.journal.items) {
          const row = after.journal.find((j) => j.seq === item.journalEvents.seq);
          if (row && (row.entity !== item.journalEvents.entity || rowIdOf(item.journalEvents.entityId) !== Number(row.entity_id))) {
            tally.report("missing", name, "journalEvents", `seq ${row.seq} carries the wrong entity`);
          }
        }
        if (w.journal.errors.length) tally.report("missing", name, "journalEvents", `errors: ${errorText(w.journal).slice(0, 200)}`);
      }

      // journalEvents filtered to the new entities (live only): exactly their visible rows, in seq order.
      tally.pairs++;
      if (o.v.display) {
        await settle(w.processes, 1, 1000);
        if (w.processes.items.length) tally.report("leak", name, "journalEvents(processes)", `display token got ${w.processes.items.length} events`);
        if (!hasCode(w.processes, "FORBIDDEN")) tally.report("missing", name, "journalEvents(processes)", `expected FORBIDDEN, got ${errorText(w.processes).slice(0, 200)}`);
      } else {
        const want = live.filter((j) => PROCESS_ENTITIES.includes(j.entity) && o.journal(j) && oThen.journal(j)).map((j) => j.seq);
        await settle(w.processes, want.length, 10_000);
        await sleep(100);
        const got = w.processes.items.map((i) => i.journalEvents.seq);
        expectedEvents += want.length;
        receivedEvents += got.length;
        processEvents += want.length;
        for (const s of got) {
          const row = after.journal.find((j) => j.seq === s);
          if (!allowed.has(s)) tally.report("leak", name, "journalEvents(processes)", `seq ${s} (${JSON.stringify(row)}) is outside scope`);
          else if (!row || !PROCESS_ENTITIES.includes(row.entity)) tally.report("leak", name, "journalEvents(processes)", `seq ${s} is not of the filtered entities`);
        }
        for (const s of want) if (!got.includes(s)) tally.report("missing", name, "journalEvents(processes)", `seq ${s} not received`);
        if (got.some((s, i) => i > 0 && s <= got[i - 1]!)) tally.report("missing", name, "journalEvents(processes)", "events out of seq order");
        if (w.processes.errors.length) tally.report("missing", name, "journalEvents(processes)", `errors: ${errorText(w.processes).slice(0, 200)}`);
      }

      // ledgerChanged (live only): every visible Finding change, in seq order.
      tally.pairs++;
      if (o.v.display) {
        if (w.ledger.items.length) tally.report("leak", name, "ledgerChanged", `display token got ${w.ledger.items.length} ledger events`);
        if (!hasCode(w.ledger, "FORBIDDEN")) tally.report("missing", name, "ledgerChanged", `expected FORBIDDEN, got ${errorText(w.ledger).slice(0, 200)}`);
      } else {
        await settle(w.ledger, liveFindingRows.length, 10_000);
        await sleep(100);
        const got = w.ledger.items.map((i) => i.ledgerChanged.seq);
        const want = liveFindingRows.map((j) => j.seq);
        expectedEvents += want.length;
        receivedEvents += got.length;
        for (const s of got) if (!allowed.has(s)) tally.report("leak", name, "ledgerChanged", `seq ${s} is outside scope`);
        for (const s of want) if (!got.includes(s)) tally.report("missing", name, "ledgerChanged", `seq ${s} not received`);
        if (got.some((s, i) => i > 0 && s <= got[i - 1]!)) tally.report("missing", name, "ledgerChanged", "events out of seq order");
        for (const i of w.ledger.items) if (!o.finding(rowIdOf(i.ledgerChanged.finding.id))) tally.report("leak", name, "ledgerChanged", `finding ${i.ledgerChanged.finding.id} is hidden`);
      }

      // findingChanged on a visible finding: its changes; on a hidden one: NOT_FOUND (display: FORBIDDEN).
      for (const [which, f] of [["visible", w.visibleFinding], ["hidden", w.hiddenFinding]] as const) {
        if (!f) continue;
        tally.pairs++;
        const label = `findingChanged(${which} ${f.id})`;
        const want = live.filter((j) => j.entity === "Finding" && j.entity_id === String(f.id) && o.journal(j)).length;
        if (o.v.display) {
          if (f.sub.items.length) tally.report("leak", name, label, `display token got finding events`);
          if (!hasCode(f.sub, "FORBIDDEN")) tally.report("missing", name, label, `expected FORBIDDEN, got ${errorText(f.sub).slice(0, 200)}`);
        } else if (which === "hidden") {
          if (f.sub.items.length) tally.report("leak", name, label, `hidden finding sent ${f.sub.items.length} events`);
          if (!hasCode(f.sub, "NOT_FOUND")) tally.report(hasCode(f.sub, "FORBIDDEN") ? "leak" : "missing", name, label, `expected NOT_FOUND, got ${errorText(f.sub).slice(0, 200)}`);
        } else {
          await settle(f.sub, want, 5000);
          await sleep(50);
          expectedEvents += want;
          receivedEvents += f.sub.items.length;
          if (f.sub.items.length > want) tally.report("leak", name, label, `${f.sub.items.length} events, oracle ${want}`);
          if (f.sub.items.length < want) tally.report("missing", name, label, `${f.sub.items.length} events, oracle ${want}`);
          if (f.sub.items.some((i) => i.findingChanged.id !== gid("Finding", f.id))) tally.report("leak", name, label, "another finding's event");
        }
      }

      // boardChanged: only after changes in the viewer's part of the tree, and the last one current.
      // A board subscription keeps the scope it started with (oThen): a unit of a line supervisor's
      // line created meanwhile joins their board on the next subscribe, never one outside the scope.
      tally.pairs++;
      // Findings and accountability actions in the viewer's part of the tree move the board; so does a
      // published bulletin the viewer may read (the board lists its items).
      const inPaths = (path: string | null) => oThen.v.paths === null || oThen.v.paths.some((p) => path?.startsWith(p));
      const relevant = live.some((j) =>
        ((j.entity === "Finding" || j.entity === "AccountabilityAction") && inPaths(j.unit_path)) ||
        (j.entity === "Bulletin" && j.action === "publishBulletin" && oThen.bulletin(Number(j.entity_id))));
      if (relevant) {
        await settle(w.board, 1, 5000);
        await sleep(600);
        const last = w.board.items.at(-1)?.boardChanged;
        const roots = oThen.roots();
        const unit = roots.length === 1 ? roots[0]! : null;
        const t = oThen.counters(unit?.path ?? null, fx.server.clock.now());
        if (!last) tally.report("missing", name, "boardChanged", "no board after changes in scope");
        else {
          for (const k of ["open", "overdue", "inWarning", "verified"] as const) {
            if (last[k] !== t[k]) tally.report(last[k] > t[k] ? "leak" : "missing", name, "boardChanged", `${k}: ${last[k]}, oracle ${t[k]}`);
          }
          const wantUnit = unit ? gid("Unit", unit.id) : null;
          if ((last.unit?.id ?? null) !== wantUnit) tally.report("leak", name, "boardChanged", `unit ${last.unit?.id}, oracle ${wantUnit}`);
        }
      } else {
        await sleep(50);
        if (w.board.items.length) tally.report("leak", name, "boardChanged", `${w.board.items.length} boards after changes outside scope`);
      }
      if (w.board.errors.length) tally.report("missing", name, "boardChanged", `errors: ${errorText(w.board).slice(0, 200)}`);
    }

    // Signed out: refused, nothing delivered.
    tally.pairs += 2;
    await settle(anonJournal, 1, 2000);
    await settle(anonBoard, 1, 500);
    if (anonJournal.items.length || anonBoard.items.length) tally.report("leak", "anonymous", "journalEvents/boardChanged", "events without signing in");
    if (!anonJournal.errors.length || !anonBoard.errors.length) tally.report("missing", "anonymous", "journalEvents/boardChanged", "no refusal");

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `leak events test: seed ${fx.seed}, ${watches.length + 1} viewers, ${subs()} subscriptions, ${mutations} mutations (${live.length} journal rows), ` +
        `${expectedEvents} events expected, ${receivedEvents} received (of them ${processEvents} sampling/supervision/plan events through the entity filter, ` +
        `from ${live.filter((j) => PROCESS_ENTITIES.includes(j.entity)).length} such live rows; ${after.journal.filter((j) => PROCESS_ENTITIES.includes(j.entity)).length} in the journal), ` +
        `${tally.pairs} viewer×subscription pairs, ${tally.leaks} leaks, ${tally.missing} missing (${seconds} s, ${db.kind})`,
    );
    if (scopeChangeNotes.length) console.log(`scope changed during the run (not counted):\n  ${scopeChangeNotes.join("\n  ")}`);
    if (tally.leaks || tally.missing) console.log(tally.summary());
    expect({ leaks: tally.leaks, missing: tally.missing }).toEqual({ leaks: 0, missing: 0 });
  }, 300_000);
});
