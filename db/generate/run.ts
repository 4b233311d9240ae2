import { addDays, shanghaiDate } from "../../server/clock.js";
import { WORK_DAY, WorkCalendar } from "../demo/calendar.js";
import { Rng } from "../demo/random.js";
import { TimelineHeap } from "./heap.js";
import { canonical, Json } from "./journal.js";
import { FindingTimeline } from "./findings.js";
import { planFinding, type Verified } from "./lifecycle.js";
import { LINE_WEIGHT } from "./names.js";
import type { Output } from "./output.js";
import { WorkClock } from "./output.js";
import { ActionTimeline, BulletinTimeline, planActions, type Candidate } from "./side.js";
import { allocate, buildTree, type Department, type Tree } from "./tree.js";
import { UnitLevel } from "../../server/units/unit.type.js";

export interface GenerateSize {
  units: number;
  findings: number;
  seed: number;
  now: Date;
}

/** After each generated month: which month, findings recorded so far, journal rows written so far. */
export type GenerateProgress = (month: string, findings: number, journalRows: number) => void;

/** Days of history: three years up to `now`. */
const HISTORY_DAYS = 3 * 365;
/** Steps run between two waits on the database. */
const SLICE = 20_000;
const LEVEL_WEIGHT: Record<UnitLevel, number> = { [UnitLevel.PROVINCE]: 0.25, [UnitLevel.CITY]: 0.6, [UnitLevel.BASIC]: 1 };

/**
 * Writes the tree, then three years of findings month by month. Every change goes through one
 * time-ordered heap, so the journal comes out in time order with its hash chain computed in the
 * same pass; only findings still in progress at the current month are held in memory.
 */
export async function generateRows(size: GenerateSize, out: Output, progress?: GenerateProgress): Promise<Tree> {
  const rng = new Rng(size.seed);
  const today = shanghaiDate(size.now);
  const firstDay = addDays(today, -HISTORY_DAYS);
  const cal = new WorkCalendar(addDays(firstDay, -30), size.now);
  const clock = new WorkClock(cal);
  const firstIdx = cal.indexOnOrAfter(firstDay);
  const lastFound = cal.nowWork - 7200;

  const tree = buildTree(size.units, rng);
  await writeTree(tree, out, clock, cal.startOf(firstIdx) - 3600);

  const heap = new TimelineHeap();
  const run = async (until: number) => {
    while (!heap.runUntil(until, SLICE)) await out.pace();
    await out.pace();
  };
  const pickDept = departmentPicker(tree.departments, rng);
  const lastVerified = new Map<number, Verified>();
  const bulletinNumbers = new Map<number, number>();
  const months = monthsOf(cal, firstIdx, lastFound);
  const counts = allocate(
    size.findings,
    months.map((m, i) => m.workDays * (1 + (0.35 * i) / months.length) * (m.month === 2 ? 0.8 : 1)),
    0,
    Number.MAX_SAFE_INTEGER,
  );
  let findingId = 0;
  let order = size.findings + 1;

  for (const [m, month] of months.entries()) {
    const found = Array.from({ length: counts[m]! }, () => {
      const idx = rng.int(month.fromIdx, month.toIdx - 1);
      return cal.startOf(idx) + rng.float(0, Math.max(0, Math.min(WORK_DAY - 5400, lastFound - cal.startOf(idx))));
    }).sort((a, b) => a - b);
    const candidates = new Map<Department["office"], { seen: number; picks: Candidate[] }>();
    for (const [k, foundWork] of found.entries()) {
      const id = ++findingId;
      const dept = pickDept();
      const previous = lastVerified.get(dept.unitId);
      const repeatOf = previous && previous.verifiedWork < foundWork - 10 * WORK_DAY && rng.chance(0.02) ? previous : undefined;
      const plan = planFinding(rng, cal, dept, foundWork, cal.nowWork, repeatOf);
      heap.push(new FindingTimeline(out, clock, id, plan));
      for (const action of planActions(plan, rng, cal.nowWork)) heap.push(new ActionTimeline(out, clock, order++, id, plan, action));
      const last = plan.steps[plan.steps.length - 1]!;
      if (last.kind === "verifyRectification") lastVerified.set(dept.unitId, { id, verifiedWork: last.work, template: plan.template, severity: plan.severity, handlerId: plan.handlerId });
      if (last.kind !== "withdrawFinding") sample(candidates, dept.office.province, { id, plan }, rng);
      if (k % 2000 === 1999) await run(clock.ms(foundWork));
    }
    // Each provincial office's bulletin on this month, on the third working day of the next.
    const draftIdx = month.toIdx + 2;
    const draftWork = cal.startOf(draftIdx) + 3600;
    const publishWork = draftWork + 5 * 3600;
    if (draftIdx < cal.days.length && publishWork < cal.nowWork - 60) {
      for (const province of tree.root.children) {
        const picked = candidates.get(province);
        if (!picked || picked.picks.length === 0) continue;
        const highlight = BulletinTimeline.pickHighlight(rng);
        heap.push(new BulletinTimeline(out, clock, bulletinNumbers, tree.people, order++, province, month, draftWork, publishWork, picked.picks, highlight));
      }
    }
    await run(clock.ms(cal.startOf(month.toIdx)));
    progress?.(`${month.year}-${String(month.month).padStart(2, "0")}`, findingId, out.writer.seq);
  }
  await run(Infinity);
  return tree;
}

/** createUnit / createPerson journal rows (and the rows) before the history starts. */
async function writeTree(tree: Tree, out: Output, clock: WorkClock, endWork: number): Promise<void> {
  const events = tree.units.length + tree.people.length;
  const gap = Math.min(0.5, (endWork - 3600) / events);
  let work = 3600;
  for (const unit of tree.units) {
    out.units.add([unit.id, unit.code, unit.name, unit.kind, unit.level, unit.category, unit.businessLine, unit.parentId, unit.path, unit.headId, unit.sortOrder]);
    out.writer.append(clock.ms(work), "createUnit", "Unit", unit.id, unit.path, null, new Json(canonical({ ...unit, headId: null })));
    work += gap;
    if (unit.id % 5000 === 0) await out.pace();
  }
  for (const person of tree.people) {
    const { head, ...row } = person;
    out.people.add([row.id, row.name, row.unitId, row.position, row.supervisorKind]);
    out.writer.append(clock.ms(work), "createPerson", "Person", person.id, tree.units[person.unitId - 1]!.path, null, new Json(canonical({ ...row, head })));
    work += gap;
    if (person.id % 5000 === 0) await out.pace();
  }
}

interface Month {
  year: number;
  month: number;
  /** Working-day indexes [fromIdx, toIdx) of the month inside the history. */
  fromIdx: number;
  toIdx: number;
  workDays: number;
}

function monthsOf(cal: WorkCalendar, firstIdx: number, lastFound: number): Month[] {
  const lastIdx = Math.floor(lastFound / WORK_DAY);
  const months: Month[] = [];
  for (let idx = firstIdx; idx <= lastIdx; ) {
    const day = cal.days[idx]!;
    const [year, month] = day.split("-").map(Number) as [number, number];
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
    const toIdx = Math.min(cal.indexOnOrAfter(next), lastIdx + 1);
    months.push({ year, month, fromIdx: idx, toIdx, workDays: toIdx - idx });
    idx = toIdx;
  }
  return months;
}

/** Departments by how often their line and level have findings, some offices worse than others. */
function departmentPicker(departments: Department[], rng: Rng): () => Department {
  const cumulative = new Float64Array(departments.length);
  let total = 0;
  departments.forEach((d, i) => {
    total += (LINE_WEIGHT[d.line.code] ?? 0.5) * LEVEL_WEIGHT[d.office.level] * (d.office.parent === null ? 0.4 : 1) * rng.float(0.5, 1.5);
    cumulative[i] = total;
  });
  return () => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = departments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return departments[lo]!;
  };
}

/** Reservoir sampling: up to six findings of the month per provincial office, evenly. */
function sample(candidates: Map<Department["office"], { seen: number; picks: Candidate[] }>, province: Department["office"], candidate: Candidate, rng: Rng): void {
  if (province.parent === null) return;
  let entry = candidates.get(province);
  if (!entry) candidates.set(province, (entry = { seen: 0, picks: [] }));
  entry.seen++;
  if (entry.picks.length < 6) entry.picks.push(candidate);
  else {
    const j = Math.floor(rng.next() * entry.seen);
    if (j < 6) entry.picks[j] = candidate;
  }
}
