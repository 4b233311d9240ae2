import { request } from "../lib/api";
import type { FindingPeopleOptionsQuery, FindingUnitOptionsQuery } from "../gql/graphql";
import { FindingPeopleOptionsDocument, FindingSupervisorOptionsDocument, FindingUnitOptionsDocument } from "./findings.operations";

export type UnitOption = FindingUnitOptionsQuery["units"]["edges"][number]["node"];
export type PersonOption = FindingPeopleOptionsQuery["people"]["edges"][number]["node"];

/** At most this many pages of units (100 each) for a picker; a jurisdiction has far fewer. */
const MAX_UNIT_PAGES = 10;

/** Every unit the viewer may see, in tree order. */
export async function loadUnitOptions(): Promise<UnitOption[]> {
  const units: UnitOption[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_UNIT_PAGES; page++) {
    const data: FindingUnitOptionsQuery = await request(FindingUnitOptionsDocument, { after });
    units.push(...data.units.edges.map((e) => e.node));
    if (!data.units.pageInfo.hasNextPage) break;
    after = data.units.pageInfo.endCursor ?? null;
  }
  return units;
}

/** A unit's name for a picker, indented under its parent by depth (relative to the shallowest shown). */
export function unitOptionLabel(unit: UnitOption, minDepth: number): string {
  return "\u3000".repeat(Math.max(0, unit.depth - minDepth)) + unit.name;
}

/** People in a unit's subtree (first 100). */
export async function loadPeople(unit: string): Promise<PersonOption[]> {
  return (await request(FindingPeopleOptionsDocument, { unit })).people.edges.map((e) => e.node);
}

/** People in the first unit of `units` the viewer may see (falls back when an office is outside scope). */
export async function loadPeopleOfFirstVisible(units: string[]): Promise<PersonOption[]> {
  for (const unit of units) {
    try {
      return await loadPeople(unit);
    } catch {
      // outside the viewer's scope: try the next, narrower unit
    }
  }
  return [];
}

/** Process supervisors the viewer may see, case management first. */
export async function loadSupervisors(): Promise<PersonOption[]> {
  const data = await request(FindingSupervisorOptionsDocument);
  return [...data.caseManagement.edges, ...data.business.edges].map((e) => e.node);
}
