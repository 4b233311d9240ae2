import { SupervisorKind } from "../../server/people/person.type.js";
import { CITY_CODE, OFFICES, type DemoOffice, type DemoPerson, type DemoUnit } from "./org.js";
import type { Rng } from "./random.js";

/** Who is who in the demo org: heads, handlers, supervisors per unit and office. */
export class PeopleIndex {
  private byUnit = new Map<string, DemoPerson[]>();
  readonly offices = new Map<string, DemoOffice>(OFFICES.map((o) => [o.code, o]));

  constructor(
    readonly units: DemoUnit[],
    readonly people: DemoPerson[],
  ) {
    for (const person of people) {
      const list = this.byUnit.get(person.unit) ?? [];
      list.push(person);
      this.byUnit.set(person.unit, list);
    }
  }

  in(unit: string): DemoPerson[] {
    return this.byUnit.get(unit) ?? [];
  }

  office(code: string): DemoOffice {
    const office = this.offices.get(code);
    if (!office) throw new Error(`demo org: no office ${code}`);
    return office;
  }

  head(unit: string): DemoPerson | null {
    return this.in(unit).find((p) => p.head) ?? null;
  }

  /** The chief (检察长) of an office. */
  leader(office: string): DemoPerson {
    return this.head(office)!;
  }

  /** The city's deputy chief, who decides most accountability actions. */
  deputy(): DemoPerson {
    return this.in(CITY_CODE).find((p) => !p.head)!;
  }

  /** A handler (承办人) in a department: staff who are not supervisors; the head now and then. */
  handler(unit: string, rng: Rng): DemoPerson {
    const staff = this.in(unit).filter((p) => !p.head && !p.supervisorKind);
    const head = this.head(unit);
    if (staff.length > 0 && (!head || rng.chance(0.85))) return rng.pick(staff);
    return head ?? rng.pick(this.in(unit));
  }

  caseSupervisors(office: string): DemoPerson[] {
    return this.in(`${office}-AG`).filter((p) => p.supervisorKind === SupervisorKind.CASE_MANAGEMENT);
  }

  businessSupervisors(unit: string): DemoPerson[] {
    return this.in(unit).filter((p) => p.supervisorKind === SupervisorKind.BUSINESS);
  }

  inspectors(): DemoPerson[] {
    return this.in(`${CITY_CODE}-JWDC`);
  }

  /** A case-management supervisor of the office (or the city) who is not `exclude`. */
  verifier(office: string, exclude: DemoPerson, rng: Rng): DemoPerson {
    const local = this.caseSupervisors(office).filter((p) => p.key !== exclude.key);
    if (local.length > 0) return rng.pick(local);
    return rng.pick(this.caseSupervisors(CITY_CODE).filter((p) => p.key !== exclude.key));
  }
}
