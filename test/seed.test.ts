import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planDemo } from "../db/demo/plan.js";
import { DEMO_SEED, seedIfEmpty, type SeedSummary } from "../db/seed.js";
import { accountabilityActionFindings, accountabilityActions, bulletins, findings, journal, people, samplingRounds, supervisionItems, supervisionNotices, units } from "../db/tables/index.js";
import { addDays, SettableClock, shanghaiDate } from "../server/clock.js";
import { internalContext } from "../server/context.js";
import { inspectionQuota } from "../server/inspections/inspections.service.js";
import { getVetoWatch } from "../server/quality-reviews/veto-watch.service.js";
import { SAMPLING_ALGORITHM } from "../server/sampling/sampling.algorithm.js";
import { samplingPlan } from "../server/sampling/sampling.service.js";
import { FindingSeverity, FindingStatus, Flag, RectificationClass } from "../server/findings/finding.enums.js";
import { deriveFlag } from "../server/findings/flag.js";
import { verifyJournal } from "../server/journal/journal.service.js";
import { ProgressStep } from "../server/plans/plan.type.js";
import { planFlagCounts, planProgress } from "../server/plans/plans.progress.js";
import { listPlans } from "../server/plans/plans.service.js";
import { deriveSupervision } from "../server/supervision/supervision.derive.js";
import { freshDatabase, type TestDatabase } from "./support/database.js";

// Monday 08:30 in Shanghai, before office hours; the year of bulletins spans two calendar years.
const NOW = new Date("2026-03-09T00:30:00Z");

let t: TestDatabase;
let summary: SeedSummary;

beforeAll(async () => {
  t = await freshDatabase();
  const seeded = await seedIfEmpty(t.database, { now: NOW });
  if (!seeded) throw new Error("an empty database was not seeded");
  summary = seeded;
}, 180_000);
afterAll(() => t?.drop());

const db = () => t.database.db;
const journalRows = async () => (await db().select({ n: count() }).from(journal))[0]!.n;

describe("demo seed", () => {
  it("builds two levels and four offices with business and comprehensive departments", async () => {
    const all = await db().select().from(units);
    const offices = all.filter((u) => u.kind === "OFFICE");
    expect(offices.map((o) => o.level).sort()).toEqual(["BASIC", "BASIC", "BASIC", "CITY"]);
    expect(new Set(all.map((u) => u.code)).size).toBe(all.length);
    const departments = all.filter((u) => u.kind === "DEPARTMENT");
    expect(departments.some((d) => d.category === "COMPREHENSIVE")).toBe(true);
    expect(new Set(departments.map((d) => d.businessLine).filter(Boolean))).toEqual(new Set(["案管", "公诉", "侦查监督", "民行", "控申", "未检"]));
    expect(offices.every((o) => o.headId !== null)).toBe(true);
    expect(summary.units).toBe(all.length);
  });

  it("staffs about sixty people with chiefs, heads and both kinds of supervisors", async () => {
    const staff = await db().select().from(people);
    expect(staff.length).toBeGreaterThanOrEqual(55);
    expect(staff.length).toBeLessThanOrEqual(70);
    expect(staff.filter((p) => p.position === "LEADER").length).toBeGreaterThanOrEqual(4);
    expect(staff.some((p) => p.supervisorKind === "CASE_MANAGEMENT")).toBe(true);
    expect(staff.some((p) => p.supervisorKind === "BUSINESS")).toBe(true);
  });

  it("records about 300 findings over the last year in every status, class, severity and flag", async () => {
    const all = await db().select().from(findings);
    expect(all.length).toBeGreaterThanOrEqual(280);
    expect(all.length).toBeLessThanOrEqual(320);
    expect(new Set(all.map((f) => f.status))).toEqual(new Set(Object.values(FindingStatus)));
    expect(new Set(all.map((f) => f.rectificationClass))).toEqual(new Set(Object.values(RectificationClass)));
    expect(new Set(all.map((f) => f.severity))).toEqual(new Set(Object.values(FindingSeverity)));
    const derived = all.map((f) => deriveFlag(f, NOW));
    expect(new Set(derived.map((d) => d.flag).filter(Boolean))).toEqual(new Set(Object.values(Flag)));
    const overdue = derived.filter((d) => d.overdue).length;
    expect(overdue / all.length).toBeGreaterThanOrEqual(0.08);
    expect(overdue / all.length).toBeLessThanOrEqual(0.18);
    expect(derived.filter((d) => d.inWarning).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((f) => f.status === "VERIFIED").length / all.length).toBeGreaterThan(0.5);
    expect(all.some((f) => f.repeatOfId !== null)).toBe(true);
    expect(all.some((f) => f.status === "VERIFIED" && f.rejectionReason)).toBe(true);
    const yearAgo = new Date(NOW.getTime() - 366 * 86_400_000);
    expect(all.every((f) => f.foundAt > yearAgo && f.foundAt < NOW)).toBe(true);
    expect(all.every((f) => f.deadline >= shanghaiDate(f.foundAt))).toBe(true);
    expect(all.every((f) => !f.verifiedAt || (f.verifiedAt > f.foundAt && f.verifiedById !== f.handlerId))).toBe(true);
    expect(summary.findings).toBe(all.length);
  });

  it("records twenty accountability actions of every kind, against people and a few units", async () => {
    const actions = await db().select().from(accountabilityActions);
    expect(actions).toHaveLength(20);
    expect(new Set(actions.map((a) => a.kind))).toEqual(new Set(["TALK", "ADMONISHMENT", "BULLETIN_CRITICISM"]));
    expect(actions.filter((a) => a.targetUnitId !== null).length).toBeGreaterThanOrEqual(1);
    expect(actions.filter((a) => a.targetPersonId !== null).length).toBeGreaterThanOrEqual(15);
    const links = await db().select().from(accountabilityActionFindings);
    expect(new Set(links.map((l) => l.actionId)).size).toBe(20);
  });

  it("publishes ten bulletins numbered from 1 in each Shanghai year", async () => {
    const all = await db().select().from(bulletins);
    expect(all).toHaveLength(10);
    expect(all.every((b) => b.publishedAt !== null && b.publishedAt < NOW)).toBe(true);
    const byYear = new Map<number, number[]>();
    for (const b of all) {
      expect(b.year).toBe(Number(shanghaiDate(b.publishedAt!).slice(0, 4)));
      byYear.set(b.year!, [...(byYear.get(b.year!) ?? []), b.number!]);
    }
    expect(byYear.size).toBe(2);
    for (const numbers of byYear.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
  });

  it("journals exactly one row per service call, in time order, with an intact hash chain", async () => {
    expect(await verifyJournal(db())).toEqual({ ok: true, rows: summary.mutations });
    const entries = await db().select({ seq: journal.seq, at: journal.at, actor: journal.actor }).from(journal).orderBy(journal.seq);
    expect(entries).toHaveLength(summary.mutations);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.at.getTime()).toBeGreaterThanOrEqual(entries[i - 1]!.at.getTime());
    expect(entries.at(-1)!.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Set(entries.map((e) => e.actor))).toEqual(new Set(["system:seed"]));
  });

  it("registers eight weeks of inspections (检查登记) against the quotas, none on a holiday", async () => {
    const ctx = internalContext(db(), new SettableClock(NOW), "test");
    const quota = await inspectionQuota(ctx, addDays(shanghaiDate(NOW), -56), addDays(shanghaiDate(NOW), -1));
    expect(summary.inspections).toBeGreaterThan(200);
    const kinds = new Set(quota.rows.map((r) => r.kind));
    expect(kinds).toEqual(new Set(["CASE_MANAGEMENT", "BUSINESS"]));
    // Mostly met, not all: the table has someone to chase.
    expect(quota.complianceRate).toBeGreaterThan(0.75);
    expect(quota.complianceRate).toBeLessThan(1);
    expect(quota.rows.some((r) => r.complianceRate === 1)).toBe(true);
    const days = await t.database.exec(
      `select count(*)::int as n from inspections i join calendar_days c on c.day = i.inspected_on where c.kind = 'HOLIDAY'`,
    );
    expect(days[0]!.n).toBe(0);
  });

  it("reviews cases (案件质量评查) so the veto watch shows a vetoed, a thrice-flawed and an at-risk prosecutor", async () => {
    const ctx = internalContext(db(), new SettableClock(NOW), "test");
    const watch = await getVetoWatch(ctx, Number(shanghaiDate(NOW).slice(0, 4)));
    expect(watch.vetoed).toBe(2);
    expect(watch.atRisk).toBe(1);
    expect(watch.rows.map((r) => [r.unqualified, r.flaw])).toEqual(expect.arrayContaining([[1, 0], [0, 3], [0, 2]]));
    const [modes] = await t.database.exec(`select count(distinct mode)::int as n, count(*)::int as reviews from quality_reviews`);
    expect(modes!.n).toBe(3);
    expect(modes!.reviews).toBeGreaterThanOrEqual(40);
  });

  it("draws a sampling round (特别抽样评估) every other month this year, with SAMPLING findings linked, one verified", async () => {
    const rounds = await db().select().from(samplingRounds);
    // 9 March: only January's round has had its week of findings.
    expect(rounds.map((r) => [r.year, r.round, r.algorithm])).toEqual([[2026, 1, SAMPLING_ALGORITHM]]);
    expect(rounds[0]!.seed).toMatch(/^QC-2026-1-\d{4}$/);
    const linked = (await db().select().from(findings)).filter((f) => f.samplingRoundId === rounds[0]!.id);
    expect(linked.map((f) => f.source)).toEqual(["SAMPLING", "SAMPLING"]);
    expect(linked.map((f) => f.status).sort()).toEqual(["OPEN", "VERIFIED"]);
    // Three basic offices × 3 = 9 draws, more than six rounds hold: the plan says so.
    const plan = await samplingPlan(internalContext(db(), new SettableClock(NOW), "test"), 2026, null);
    expect(plan.feasible).toBe(false);
    expect(plan.groups.find((g) => g.role === "BASIC_OFFICE")).toMatchObject({ units: 3, required: 9, capacity: 5, shortfall: 3 });
  });

  it("opens a dozen supervision items (检务督察): closed, overdue, in warning, with notices that opened findings", async () => {
    const items = await db().select().from(supervisionItems);
    expect(items).toHaveLength(12);
    const derived = items.map((i) => deriveSupervision(i, NOW));
    expect(items.filter((i) => i.status === "CLOSED" && i.closingSummary).length).toBeGreaterThanOrEqual(5);
    expect(derived.filter((d) => d.overdue).length).toBeGreaterThanOrEqual(2);
    expect(derived.filter((d) => d.inWarning).length).toBeGreaterThanOrEqual(1);
    const notices = await db().select().from(supervisionNotices);
    expect(new Set(notices.map((n) => n.kind))).toEqual(new Set(["SUGGESTION", "RECTIFICATION_NOTICE"]));
    const linked = (await db().select().from(findings)).filter((f) => f.supervisionNoticeId !== null);
    expect(linked.length).toBeGreaterThanOrEqual(2);
    expect(linked.every((f) => f.source === "SUPERVISION")).toBe(true);
  });

  it("opens an improvement plan (一院一策) for the weakest basic office, whose chart moves", async () => {
    const ctx = internalContext(db(), new SettableClock(NOW), "test");
    const { nodes } = await listPlans(ctx, { first: 10 });
    expect(nodes).toHaveLength(1);
    const plan = nodes[0]!;
    expect(plan.status).toBe("ACTIVE");
    const counts = await planFlagCounts(ctx, plan);
    expect(counts.total).toBeGreaterThanOrEqual(8);
    const points = await planProgress(ctx, plan, ProgressStep.WEEK);
    expect(points.length).toBeGreaterThanOrEqual(15);
    const [first, last] = [points[0]!, points.at(-1)!];
    // Problems get struck off over the plan, and later ones join it.
    expect(last.red).toBeGreaterThan(first.red);
    expect(first.notYetFound).toBeGreaterThan(0);
    expect(last).toMatchObject({ red: counts.red, yellow: counts.yellow, black: counts.black, notYetFound: 0 });
    const milestones = await ctx.loaders.planMilestones.load(plan.rowId);
    expect(milestones.map((m) => m.done)).toEqual([true, true, true, false]);
  });

  it("does not seed a second time", async () => {
    const before = await journalRows();
    expect(await seedIfEmpty(t.database, { now: NOW })).toBeNull();
    expect(await journalRows()).toBe(before);
  });

  it("plans the same demo for the same time and seed", () => {
    const strip = (seed: number) => JSON.stringify(planDemo(NOW, seed).findings);
    expect(strip(DEMO_SEED)).toBe(strip(DEMO_SEED));
    expect(strip(DEMO_SEED)).not.toBe(strip(DEMO_SEED + 1));
  });
});
