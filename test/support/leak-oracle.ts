/**
 * The independent oracle of the leak tests: what each viewer may see, computed from plain SQL
 * reads of the tables and the visibility rules written out again here — never through the
 * server's scope code.
 */
import type { Database } from "../../db/client.js";
import type { ViewerSpec } from "./leak-fixture.js";

export interface Snapshot {
  units: { id: number; parent_id: number | null; path: string; business_line: string | null; head_id: number | null; name: string; kind: string; level: string }[];
  people: { id: number; unit_id: number; unit_path: string }[];
  findings: {
    id: number;
    unit_id: number;
    unit_path: string;
    handler_id: number | null;
    found_by: number | null;
    verified_by: number | null;
    repeat_of: number | null;
    status: string;
    deadline: string;
    warning_at_ms: number;
    verified_at_ms: number | null;
    sampling_round_id: number | null;
    supervision_notice_id: number | null;
  }[];
  measures: { id: number; finding_id: number; owner_id: number | null }[];
  responsibilities: { id: number; finding_id: number; person_id: number | null; unit_id: number | null }[];
  actions: { id: number; unit_path: string; target_person_id: number | null; target_unit_id: number | null; decided_by: number | null }[];
  actionFindings: { action_id: number; finding_id: number }[];
  bulletins: { id: number; unit_id: number; unit_path: string; published: boolean }[];
  items: { id: number; bulletin_id: number; finding_id: number | null; position: number; unit_name: string | null; handler_name: string | null; case_ref: string | null; example: string | null }[];
  journal: { seq: number; unit_path: string | null; entity: string; entity_id: string; action: string }[];
  rounds: { id: number; office_id: number; office_path: string; year: number; round: number; compared_with: number | null; drawn_by: number | null }[];
  picks: { id: number; round_id: number; unit_id: number; unit_path: string; position: number }[];
  supItems: {
    id: number;
    code: string;
    unit_id: number;
    unit_path: string;
    opened_by: number | null;
    status: string;
    started_on: string;
    deadline: string;
    closed_at_ms: number | null;
  }[];
  supFeedback: { id: number; item_id: number; author_id: number | null; text: string }[];
  supNotices: { id: number; item_id: number; unit_path: string; kind: string; issued_by: number | null; issued_at_ms: number }[];
  plans: { id: number; unit_id: number; unit_path: string; created_by: number | null; starts_on: string; ends_on: string; status: string }[];
  /** In the order they were added. */
  planFindings: { plan_id: number; finding_id: number }[];
  milestones: { id: number; plan_id: number; owner_id: number | null; position: number }[];
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function loadSnapshot(db: Database): Promise<Snapshot> {
  const q = (sql: string) => db.exec(sql);
  const [units, people, findings, measures, responsibilities, actions, actionFindings, bulletins, items, journal] = [
    await q(`select id, parent_id, path, business_line, head_id, name, kind::text as kind, level::text as level from units order by id`),
    await q(`select p.id, p.unit_id, u.path as unit_path from people p join units u on u.id = p.unit_id order by p.id`),
    await q(`select id, unit_id, unit_path, handler_id, found_by, verified_by, repeat_of, status::text as status, deadline::text as deadline,
               (extract(epoch from warning_at) * 1000)::float8 as warning_at_ms, (extract(epoch from verified_at) * 1000)::float8 as verified_at_ms,
               sampling_round_id, supervision_notice_id
             from findings order by id`),
    await q(`select id, finding_id, owner_id from measures order by id`),
    await q(`select id, finding_id, person_id, unit_id from responsibilities order by id`),
    await q(`select id, unit_path, target_person_id, target_unit_id, decided_by from accountability_actions order by id`),
    await q(`select action_id, finding_id from accountability_action_findings`),
    await q(`select id, unit_id, unit_path, published_at is not null as published from bulletins order by id`),
    await q(`select id, bulletin_id, finding_id, position, snapshot->>'unitName' as unit_name, snapshot->>'handlerName' as handler_name,
               snapshot->>'caseRef' as case_ref, snapshot->>'description' as example from bulletin_items order by id`),
    await q(`select seq::int as seq, unit_path, entity, entity_id, action from journal order by seq`),
  ];
  const [rounds, picks, supItems, supFeedback, supNotices, plans, planFindings, milestones] = [
    await q(`select id, office_id, office_path, year, round, compared_with, drawn_by from sampling_rounds order by id`),
    await q(`select id, round_id, unit_id, unit_path, position from sampling_picks order by round_id, position`),
    await q(`select id, code, unit_id, unit_path, opened_by, status::text as status, started_on::text as started_on, deadline::text as deadline,
               (extract(epoch from closed_at) * 1000)::float8 as closed_at_ms from supervision_items order by id`),
    await q(`select id, item_id, author_id, text from supervision_feedback order by id`),
    await q(`select id, item_id, unit_path, kind::text as kind, issued_by, (extract(epoch from issued_at) * 1000)::float8 as issued_at_ms from supervision_notices order by id`),
    await q(`select id, unit_id, unit_path, created_by, starts_on::text as starts_on, ends_on::text as ends_on, status::text as status from plans order by id`),
    await q(`select plan_id, finding_id from plan_findings order by added_at, id`),
    await q(`select id, plan_id, owner_id, position from plan_milestones order by plan_id, position`),
  ];
  return {
    units: units!.map((r) => ({
      id: num(r.id)!,
      parent_id: num(r.parent_id),
      path: String(r.path),
      business_line: (r.business_line as string) ?? null,
      head_id: num(r.head_id),
      name: String(r.name),
      kind: String(r.kind),
      level: String(r.level),
    })),
    people: people!.map((r) => ({ id: num(r.id)!, unit_id: num(r.unit_id)!, unit_path: String(r.unit_path) })),
    findings: findings!.map((r) => ({
      id: num(r.id)!,
      unit_id: num(r.unit_id)!,
      unit_path: String(r.unit_path),
      handler_id: num(r.handler_id),
      found_by: num(r.found_by),
      verified_by: num(r.verified_by),
      repeat_of: num(r.repeat_of),
      status: String(r.status),
      deadline: String(r.deadline),
      warning_at_ms: Number(r.warning_at_ms),
      verified_at_ms: num(r.verified_at_ms),
      sampling_round_id: num(r.sampling_round_id),
      supervision_notice_id: num(r.supervision_notice_id),
    })),
    measures: measures!.map((r) => ({ id: num(r.id)!, finding_id: num(r.finding_id)!, owner_id: num(r.owner_id) })),
    responsibilities: responsibilities!.map((r) => ({ id: num(r.id)!, finding_id: num(r.finding_id)!, person_id: num(r.person_id), unit_id: num(r.unit_id) })),
    actions: actions!.map((r) => ({
      id: num(r.id)!,
      unit_path: String(r.unit_path),
      target_person_id: num(r.target_person_id),
      target_unit_id: num(r.target_unit_id),
      decided_by: num(r.decided_by),
    })),
    actionFindings: actionFindings!.map((r) => ({ action_id: num(r.action_id)!, finding_id: num(r.finding_id)! })),
    bulletins: bulletins!.map((r) => ({ id: num(r.id)!, unit_id: num(r.unit_id)!, unit_path: String(r.unit_path), published: r.published === true || r.published === "t" })),
    items: items!.map((r) => ({
      id: num(r.id)!,
      bulletin_id: num(r.bulletin_id)!,
      finding_id: num(r.finding_id),
      position: num(r.position)!,
      unit_name: (r.unit_name as string) ?? null,
      handler_name: (r.handler_name as string) ?? null,
      case_ref: (r.case_ref as string) ?? null,
      example: (r.example as string) ?? null,
    })),
    journal: journal!.map((r) => ({ seq: num(r.seq)!, unit_path: (r.unit_path as string) ?? null, entity: String(r.entity), entity_id: String(r.entity_id), action: String(r.action) })),
    rounds: rounds!.map((r) => ({
      id: num(r.id)!,
      office_id: num(r.office_id)!,
      office_path: String(r.office_path),
      year: num(r.year)!,
      round: num(r.round)!,
      compared_with: num(r.compared_with),
      drawn_by: num(r.drawn_by),
    })),
    picks: picks!.map((r) => ({ id: num(r.id)!, round_id: num(r.round_id)!, unit_id: num(r.unit_id)!, unit_path: String(r.unit_path), position: num(r.position)! })),
    supItems: supItems!.map((r) => ({
      id: num(r.id)!,
      code: String(r.code),
      unit_id: num(r.unit_id)!,
      unit_path: String(r.unit_path),
      opened_by: num(r.opened_by),
      status: String(r.status),
      started_on: String(r.started_on),
      deadline: String(r.deadline),
      closed_at_ms: num(r.closed_at_ms),
    })),
    supFeedback: supFeedback!.map((r) => ({ id: num(r.id)!, item_id: num(r.item_id)!, author_id: num(r.author_id), text: String(r.text) })),
    supNotices: supNotices!.map((r) => ({
      id: num(r.id)!,
      item_id: num(r.item_id)!,
      unit_path: String(r.unit_path),
      kind: String(r.kind),
      issued_by: num(r.issued_by),
      issued_at_ms: Number(r.issued_at_ms),
    })),
    plans: plans!.map((r) => ({
      id: num(r.id)!,
      unit_id: num(r.unit_id)!,
      unit_path: String(r.unit_path),
      created_by: num(r.created_by),
      starts_on: String(r.starts_on),
      ends_on: String(r.ends_on),
      status: String(r.status),
    })),
    planFindings: planFindings!.map((r) => ({ plan_id: num(r.plan_id)!, finding_id: num(r.finding_id)! })),
    milestones: milestones!.map((r) => ({ id: num(r.id)!, plan_id: num(r.plan_id)!, owner_id: num(r.owner_id), position: num(r.position)! })),
  };
}

/** The visible part of the tree for one viewer: scope paths (null = everything) and finding paths. */
export interface ViewerScope {
  spec: ViewerSpec;
  /** null: unlimited (ADMIN). */
  paths: string[] | null;
  /** Paths for findings, their children and journal rows: none for a display token. */
  findingPaths: string[] | null;
  readDrafts: boolean;
  anonymous: boolean;
  display: boolean;
}

/** The viewer's scope paths, straight from the units table in SQL. */
export async function scopeOfSpec(db: Database, spec: ViewerSpec): Promise<ViewerScope> {
  const base = { spec, anonymous: spec.kind === "ANONYMOUS", display: spec.kind === "DISPLAY" };
  const readDrafts = ["ADMIN", "SUPERVISOR", "LINE_SUPERVISOR", "SYSTEM_WRITE"].includes(spec.kind);
  if (spec.kind === "ANONYMOUS") return { ...base, paths: [], findingPaths: [], readDrafts: false };
  if (spec.kind === "ADMIN") return { ...base, paths: null, findingPaths: null, readDrafts };
  const [scopeUnit] = await db.exec(`select path from units where id = ${Number(spec.scopeUnitId)}`);
  const scopePath = String(scopeUnit!.path);
  let paths: string[];
  if (spec.kind === "LINE_SUPERVISOR") {
    const line = String(spec.businessLine).replace(/'/g, "''");
    const rows = await db.exec(`select path from units where starts_with(path, '${scopePath}') and business_line = '${line}' order by path`);
    paths = rows.map((r) => String(r.path));
  } else {
    paths = [scopePath];
  }
  return { ...base, paths, findingPaths: spec.kind === "DISPLAY" ? [] : paths, readDrafts };
}

export function within(path: string | null, paths: string[] | null): boolean {
  if (paths === null) return true;
  return path !== null && paths.some((p) => path.startsWith(p));
}

export const ACTIVE = ["OPEN", "RECTIFYING", "SUBMITTED"];

/** Shanghai calendar day (UTC+8, no DST). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface FlagOf {
  overdue: boolean;
  inWarning: boolean;
  flag: "RED" | "YELLOW" | "BLACK" | null;
}

export function flagOf(f: Snapshot["findings"][number], now: Date): FlagOf {
  const today = shanghaiDay(now);
  const active = ACTIVE.includes(f.status);
  const overdue = active && f.deadline < today;
  const inWarning = active && !overdue && f.warning_at_ms <= now.getTime();
  const flag = f.status === "VERIFIED" ? "RED" : !active ? null : overdue ? "BLACK" : "YELLOW";
  return { overdue, inWarning, flag };
}

/** Every visibility question about one viewer, answered from the snapshot. */
export class Oracle {
  readonly unitById = new Map<number, Snapshot["units"][number]>();
  readonly personById = new Map<number, Snapshot["people"][number]>();
  readonly findingById = new Map<number, Snapshot["findings"][number]>();
  readonly bulletinById = new Map<number, Snapshot["bulletins"][number]>();
  readonly roundById = new Map<number, Snapshot["rounds"][number]>();
  readonly supItemById = new Map<number, Snapshot["supItems"][number]>();
  readonly planById = new Map<number, Snapshot["plans"][number]>();

  constructor(
    readonly snap: Snapshot,
    readonly v: ViewerScope,
  ) {
    for (const u of snap.units) this.unitById.set(u.id, u);
    for (const p of snap.people) this.personById.set(p.id, p);
    for (const f of snap.findings) this.findingById.set(f.id, f);
    for (const b of snap.bulletins) this.bulletinById.set(b.id, b);
    for (const r of snap.rounds) this.roundById.set(r.id, r);
    for (const i of snap.supItems) this.supItemById.set(i.id, i);
    for (const p of snap.plans) this.planById.set(p.id, p);
  }

  unit(id: number | null): boolean {
    if (id === null) return false;
    const u = this.unitById.get(id);
    return !!u && within(u.path, this.v.paths);
  }
  person(id: number | null): boolean {
    if (id === null) return false;
    const p = this.personById.get(id);
    return !!p && within(p.unit_path, this.v.paths);
  }
  finding(id: number | null): boolean {
    if (id === null) return false;
    const f = this.findingById.get(id);
    return !!f && within(f.unit_path, this.v.findingPaths);
  }
  action(a: Snapshot["actions"][number]): boolean {
    return within(a.unit_path, this.v.paths);
  }
  bulletin(id: number | null): boolean {
    if (id === null) return false;
    const b = this.bulletinById.get(id);
    if (!b) return false;
    const covered = within(b.unit_path, this.v.paths);
    if (!b.published) return this.v.readDrafts && covered;
    if (this.v.paths === null) return true;
    return covered || this.v.paths.some((p) => p.startsWith(b.unit_path));
  }
  journal(row: Snapshot["journal"][number]): boolean {
    if (this.v.findingPaths === null) return true;
    return within(row.unit_path, this.v.findingPaths);
  }
  /**
   * 特别抽样评估: a round shows when its city office or any unit it drew lies in the finding scope (a
   * basic office's head sees the rounds that drew their office). Finding scope: a round is
   * assessment detail, so a display token sees none, not even by node(id).
   */
  round(id: number | null): boolean {
    if (id === null) return false;
    const r = this.roundById.get(id);
    if (!r) return false;
    return within(r.office_path, this.v.findingPaths) || this.snap.picks.some((p) => p.round_id === id && within(p.unit_path, this.v.findingPaths));
  }
  /** A round's picks: only those in the finding scope (assessment detail: a display sees none). */
  pick(p: Snapshot["picks"][number]): boolean {
    return within(p.unit_path, this.v.findingPaths);
  }
  /** 检务督察 items and their notices: finding scope on the responsible unit (display tokens: none). */
  supItem(id: number | null): boolean {
    if (id === null) return false;
    const i = this.supItemById.get(id);
    return !!i && within(i.unit_path, this.v.findingPaths);
  }
  supNotice(id: number | null): boolean {
    if (id === null) return false;
    const n = this.snap.supNotices.find((x) => x.id === id);
    return !!n && within(n.unit_path, this.v.findingPaths) && this.supItem(n.item_id);
  }
  /** 一院一策 plans and their milestones: finding scope on the plan's unit (display tokens: none). */
  plan(id: number | null): boolean {
    if (id === null) return false;
    const p = this.planById.get(id);
    return !!p && within(p.unit_path, this.v.findingPaths);
  }
  milestone(id: number): boolean {
    const m = this.snap.milestones.find((x) => x.id === id);
    return !!m && this.plan(m.plan_id);
  }
  /** A plan's findings the viewer may see, in the order they were added. */
  planFindingIds(planId: number): number[] {
    return this.snap.planFindings.filter((l) => l.plan_id === planId && this.finding(l.finding_id)).map((l) => l.finding_id);
  }

  rounds() {
    return this.snap.rounds.filter((r) => this.round(r.id));
  }
  supItems() {
    return this.snap.supItems.filter((i) => this.supItem(i.id));
  }
  plans() {
    return this.snap.plans.filter((p) => this.plan(p.id));
  }

  units() {
    return this.snap.units.filter((u) => this.unit(u.id));
  }
  people() {
    return this.snap.people.filter((p) => this.person(p.id));
  }
  findings() {
    return this.snap.findings.filter((f) => this.finding(f.id));
  }
  actions() {
    return this.snap.actions.filter((a) => this.action(a));
  }
  bulletins() {
    return this.snap.bulletins.filter((b) => this.bulletin(b.id));
  }
  journalRows() {
    return this.snap.journal.filter((j) => this.journal(j));
  }

  /** The visible roots: visible units whose parent is missing or invisible. */
  roots() {
    return this.units().filter((u) => u.parent_id === null || !this.unit(u.parent_id));
  }
  children(unitId: number) {
    return this.snap.units.filter((u) => u.parent_id === unitId && this.unit(u.id));
  }

  /** Board counters of the visible findings (display tokens included) under `path`. */
  counters(path: string | null, now: Date) {
    const c = { open: 0, overdue: 0, inWarning: 0, red: 0, yellow: 0, black: 0, verified: 0, notWithdrawn: 0 };
    for (const f of this.snap.findings) {
      if (!within(f.unit_path, this.v.paths)) continue;
      if (path !== null && !f.unit_path.startsWith(path)) continue;
      const fl = flagOf(f, now);
      if (ACTIVE.includes(f.status)) c.open++;
      if (fl.overdue) c.overdue++;
      if (fl.inWarning) c.inWarning++;
      if (fl.flag === "RED") c.red++, c.verified++;
      if (fl.flag === "YELLOW") c.yellow++;
      if (fl.flag === "BLACK") c.black++;
      if (f.status !== "WITHDRAWN") c.notWithdrawn++;
    }
    return c;
  }
}
