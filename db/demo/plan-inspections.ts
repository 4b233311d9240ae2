import { readFileSync } from "node:fs";
import { addDays } from "../../server/clock.js";
import { FindingSource } from "../../server/findings/finding.enums.js";
import { InspectionResult } from "../../server/inspections/inspection.type.js";
import { recordInspection } from "../../server/inspections/inspections.service.js";
import { SupervisorKind } from "../../server/people/person.type.js";
import { projectPath } from "../paths.js";
import { SAMPLE_CALENDAR, WORK_DAY, type WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import type { DemoPerson, DemoUnit } from "./org.js";
import type { PeopleIndex } from "./people-index.js";
import type { Rng } from "./random.js";
import { caseRef } from "./texts.js";

/** How many weeks of inspections the demo registers before today. */
const WEEKS = 8;

const NOTES = ["", "", "", "卷宗材料齐全", "文书制作规范", "案卡填录完整", "流程节点均在期限内", "已电话提醒承办人补录送达回证"];

/** The sample calendar the seed imports: its holidays and make-up working days (调休). */
function sampleCalendar(): { holidays: Set<string>; makeUpDays: string[] } {
  const holidays = new Set<string>();
  const makeUpDays: string[] = [];
  for (const line of readFileSync(projectPath(SAMPLE_CALENDAR), "utf8").split("\n")) {
    const [day, kind] = line.split(",");
    if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
    if (kind === "HOLIDAY") holidays.add(day);
    if (kind === "WORKDAY") makeUpDays.push(day);
  }
  return { holidays, makeUpDays };
}

/** Monday of the week of `day`. */
function weekOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/**
 * Process monitoring (流程监控) over the last weeks: case-management supervisors inspect one case a
 * working day (每日一案), business-line supervisors two a week (每周两案), each now and then
 * missing one, so the quota table has something to show. An inspection on a make-up Saturday is
 * registered on the next working day. All find no problem: the demo's problems come from the
 * findings plan.
 */
export function inspectionEvents(rng: Rng, cal: WorkCalendar, org: PeopleIndex): SeedEvent[] {
  const { holidays, makeUpDays } = sampleCalendar();
  const first = addDays(cal.today, -7 * WEEKS);
  // Working days of the window: weekdays that are not holidays, and make-up Saturdays.
  const days = [
    ...cal.days.filter((d) => d >= first && d < cal.today && !holidays.has(d)),
    ...makeUpDays.filter((d) => d >= first && d < cal.today),
  ].sort();
  const events: SeedEvent[] = [];
  const departments = org.units.filter((u) => u.line !== null);

  const inspect = (supervisor: DemoPerson, day: string, unit: DemoUnit) => {
    const office = org.office(unit.office);
    // Registered on the day itself when that is a working day of the work calendar, else the next one.
    const index = cal.indexOnOrAfter(day);
    if (index >= cal.days.length) return;
    const at = cal.startOf(index) + rng.int(1, 7) * 3600 + rng.int(0, 59) * 60;
    if (at > cal.nowWork || at >= (index + 1) * WORK_DAY) return;
    const ref = caseRef(office.casePrefix, unit.line!, Number(day.slice(0, 4)), rng);
    const notes = rng.pick(NOTES);
    events.push({
      at,
      actor: supervisor.key,
      run: (ctx, ids) =>
        recordInspection(ctx, {
          supervisor: ids.person(supervisor.key),
          unit: ids.unit(unit.code),
          caseRef: ref,
          inspectedOn: day,
          source: FindingSource.PROCESS_MONITORING,
          result: InspectionResult.NO_PROBLEM,
          notes,
        }),
    });
  };

  for (const supervisor of org.people.filter((p) => p.supervisorKind === SupervisorKind.CASE_MANAGEMENT)) {
    const office = org.units.find((u) => u.code === supervisor.unit)!.office;
    const targets = departments.filter((u) => u.office === office && u.category === "BUSINESS");
    if (targets.length === 0) continue;
    const diligence = rng.chance(0.3) ? 0.8 : 0.97;
    for (const day of days) if (rng.chance(diligence)) inspect(supervisor, day, rng.pick(targets));
  }

  for (const supervisor of org.people.filter((p) => p.supervisorKind === SupervisorKind.BUSINESS)) {
    const own = org.units.find((u) => u.code === supervisor.unit)!;
    const targets = departments.filter((u) => u.line === own.line);
    const weeks = new Map<string, string[]>();
    for (const day of days) weeks.set(weekOf(day), [...(weeks.get(weekOf(day)) ?? []), day]);
    const diligence = rng.chance(0.3) ? 0.75 : 0.95;
    for (const weekDays of weeks.values()) {
      const chosen = rng.shuffle(weekDays).slice(0, 2);
      for (const day of chosen.sort()) if (rng.chance(diligence)) inspect(supervisor, day, rng.pick(targets));
    }
  }
  return events;
}
