import { addDays, shanghaiDate } from "../../server/clock.js";
import { createPerson } from "../../server/people/people.service.js";
import { createUnit } from "../../server/units/units.service.js";
import { WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import { findingEvents } from "./finding-steps.js";
import { buildOrg } from "./org.js";
import { PeopleIndex } from "./people-index.js";
import { accountabilityEvents } from "./plan-actions.js";
import { bulletinEvents } from "./plan-bulletins.js";
import { improvementPlanEvents } from "./plan-improvement-plans.js";
import { inspectionEvents } from "./plan-inspections.js";
import { reviewEvents } from "./plan-reviews.js";
import { samplingEvents } from "./plan-sampling.js";
import { supervisionEvents } from "./plan-supervision.js";
import { planFindings, type FindingPlan } from "./plan-findings.js";
import { Rng } from "./random.js";

export interface DemoPlan {
  calendar: WorkCalendar;
  org: PeopleIndex;
  findings: FindingPlan[];
  /** Every mutation of the demo, in the order to replay it (time, then plan order). */
  events: SeedEvent[];
}

/**
 * The whole demo as a list of service calls with times: the org is set up a little over a year
 * before `now`, then findings, accountability and bulletins happen over the last twelve months, and
 * inspections over the last eight weeks and quality reviews over the last five.
 * Pure and deterministic for a given `now` and seed.
 */
export function planDemo(now: Date, seed: number): DemoPlan {
  const rng = new Rng(seed);
  const calendar = new WorkCalendar(addDays(shanghaiDate(now), -380), now);
  const { units, people } = buildOrg();
  const org = new PeopleIndex(units, people);

  const setup: SeedEvent[] = [
    ...units.map(
      (u): SeedEvent => ({
        at: 0,
        actor: null,
        run: (ctx, ids) =>
          createUnit(ctx, {
            code: u.code,
            name: u.name,
            kind: u.kind,
            level: u.level,
            category: u.category,
            businessLine: u.businessLine,
            parent: u.parent ? ids.unit(u.parent) : null,
            sortOrder: u.sortOrder,
          }).then((unit) => ids.units.set(u.code, unit.id)),
      }),
    ),
    ...people.map(
      (p): SeedEvent => ({
        at: 0,
        actor: null,
        run: (ctx, ids) =>
          createPerson(ctx, { name: p.name, unit: ids.unit(p.unit), position: p.position, supervisorKind: p.supervisorKind, head: p.head }).then(
            (person) => {
              ids.people.set(p.key, person.id);
              ids.personRows.set(p.key, person.rowId);
            },
          ),
      }),
    ),
  ].map((event, k) => ({ ...event, at: 3600 + k * 20 }));

  const findings = planFindings(rng, calendar, org);
  const lifecycle = findings.flatMap((p) => findingEvents(p, rng, calendar, org));
  const actions = accountabilityEvents(findings, rng, calendar, org);
  const bulletins = bulletinEvents(findings, rng, calendar, org);
  // Inspections draw from their own stream, so adding them left the rest of the demo as it was.
  const inspections = inspectionEvents(new Rng(seed ^ 0x5eed), calendar, org);
  const reviews = reviewEvents(new Rng(seed ^ 0x2e71e3), calendar, org);
  const sampling = samplingEvents(new Rng(seed ^ 0x5a3b1e), calendar, org);
  const supervision = supervisionEvents(new Rng(seed ^ 0x5d0c7a), calendar, org);
  const improvementPlans = improvementPlanEvents(findings, calendar, org);
  // A stable sort keeps each finding's own steps in order when two share a time.
  const events = [...setup, ...lifecycle, ...actions, ...bulletins, ...inspections, ...reviews, ...sampling, ...supervision, ...improvementPlans]
    .map((event, order) => ({ event, order }))
    .sort((a, b) => a.event.at - b.event.at || a.order - b.order)
    .map(({ event }) => event);
  return { calendar, org, findings, events };
}
