import { PersonPosition, SupervisorKind } from "../../server/people/person.type.js";
import { UnitKind, UnitLevel } from "../../server/units/unit.type.js";
import { buildOrg } from "../demo/org.js";
import type { Rng } from "../demo/random.js";
import { LINE_ORDER, placeName, PROVINCES, type LineSpec } from "./names.js";

/** Offices per unit in the real system: ≈3,600 offices among ≈50,000 units. */
const OFFICE_SHARE = 3600 / 50000;
const MIN_DEPARTMENTS = 3;

export interface Office {
  unitId: number;
  code: string;
  name: string;
  /** Short name used in texts, e.g. 东城区院. */
  short: string;
  path: string;
  level: UnitLevel;
  /** Prefix of case numbers (案号), e.g. 青东. */
  casePrefix: string;
  parent: Office | null;
  /** The provincial office above (itself for a provincial office and the root). */
  province: Office;
  leader: number;
  departments: Department[];
  caseSupervisors: number[];
  /** Staff of the 检务督察 department, who run inspection supervision; empty when there is none. */
  inspectors: number[];
  children: Office[];
}

export interface Department {
  unitId: number;
  name: string;
  path: string;
  office: Office;
  line: LineSpec;
  head: number;
  /** Possible handlers (承办人): staff who are not supervisors. */
  staff: number[];
  businessSupervisors: number[];
}

export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  category: string | null;
  businessLine: string | null;
  parentId: number | null;
  path: string;
  headId: number | null;
  sortOrder: number;
}

export interface PersonRecord {
  id: number;
  name: string;
  unitId: number;
  position: PersonPosition;
  supervisorKind: SupervisorKind | null;
  head: boolean;
}

export interface Tree {
  root: Office;
  offices: Office[];
  departments: Department[];
  /** In creation order: parents before children; id = index + 1. */
  units: UnitRecord[];
  /** id = index + 1. */
  people: PersonRecord[];
}

/**
 * The national tree: 最高人民检察院 at the root (level PROVINCE: the schema has no national
 * level), provincial offices, city offices and basic offices, each with departments by line and
 * staff. Exactly `unitCount` units; offices are ≈7.2 % of them, as in the real system.
 */
export function buildTree(unitCount: number, rng: Rng): Tree {
  const officeCount = Math.max(7, Math.round(unitCount * OFFICE_SHARE));
  const provinces = Math.min(PROVINCES.length, Math.max(2, Math.round((officeCount * 32) / 3600)));
  const cities = Math.max(provinces, Math.round((officeCount * 400) / 3600));
  const basics = officeCount - 1 - provinces - cities;
  if (basics < provinces || unitCount - officeCount < officeCount * MIN_DEPARTMENTS) throw new Error(`generate: --units ${unitCount} is too small for a four-level tree (use 100 or more)`);

  const cityParents = spread(cities, provinces, rng);
  const basicParents = spread(basics, cities, rng);
  const levelOf = (depth: number) => (depth <= 1 ? UnitLevel.PROVINCE : depth === 2 ? UnitLevel.CITY : UnitLevel.BASIC);
  const weight = [1.6, 1.5, 1.25, 1];
  const depths = [0, ...Array<number>(provinces).fill(1), ...Array<number>(cities).fill(2), ...Array<number>(basics).fill(3)];
  const deptCounts = allocate(unitCount - officeCount, depths.map((d) => weight[d]! * rng.float(0.85, 1.15)), MIN_DEPARTMENTS, LINE_ORDER.length);

  const names = new NameMaker(rng);
  const tree: Tree = { root: undefined as unknown as Office, offices: [], departments: [], units: [], people: [] };
  const addUnit = (u: Omit<UnitRecord, "id" | "path" | "headId">, parentPath: string): UnitRecord => {
    const id = tree.units.length + 1;
    const record = { ...u, id, path: `${parentPath}${id}/`, headId: null };
    tree.units.push(record);
    return record;
  };
  const addPerson = (unit: UnitRecord, position: PersonPosition, supervisorKind: SupervisorKind | null, head = false): number => {
    const id = tree.people.length + 1;
    tree.people.push({ id, name: names.next(), unitId: unit.id, position, supervisorKind, head });
    if (head) unit.headId = id;
    return id;
  };

  let officeIndex = 0;
  const makeOffice = (parent: Office | null, depth: number, sortOrder: number, label: { code: string; name: string; short: string; casePrefix: string }): Office => {
    const level = levelOf(depth);
    const unit = addUnit(
      { code: label.code, name: label.name, kind: UnitKind.OFFICE, level, category: null, businessLine: null, parentId: parent?.unitId ?? null, sortOrder },
      parent?.path ?? "/",
    );
    const office: Office = {
      unitId: unit.id,
      code: label.code,
      name: label.name,
      short: label.short,
      path: unit.path,
      level,
      casePrefix: label.casePrefix,
      parent,
      province: undefined as unknown as Office,
      leader: addPerson(unit, PersonPosition.LEADER, null, true),
      departments: [],
      caseSupervisors: [],
      inspectors: [],
      children: [],
    };
    office.province = depth <= 1 ? office : parent!.province;
    for (let k = rng.int(1, depth <= 1 ? 4 : 2); k > 0; k--) addPerson(unit, PersonPosition.LEADER, null);
    const count = deptCounts[officeIndex++]!;
    LINE_ORDER.slice(0, count).forEach((line, j) => office.departments.push(makeDepartment(office, line, j + 1, depth)));
    tree.offices.push(office);
    parent?.children.push(office);
    return office;
  };

  const makeDepartment = (office: Office, line: LineSpec, sortOrder: number, depth: number): Department => {
    const unit = addUnit(
      { code: `${office.code}-${line.code}`, name: line.name, kind: UnitKind.DEPARTMENT, level: office.level, category: line.category, businessLine: line.businessLine, parentId: office.unitId, sortOrder },
      office.path,
    );
    const isCaseManagement = line.code === "AG";
    const department: Department = { unitId: unit.id, name: line.name, path: unit.path, office, line, head: 0, staff: [], businessSupervisors: [] };
    department.head = addPerson(unit, PersonPosition.DEPT_HEAD, isCaseManagement ? SupervisorKind.CASE_MANAGEMENT : null, true);
    if (isCaseManagement) office.caseSupervisors.push(department.head);
    const business = line.businessLine !== null;
    const size = (business ? rng.int(2, 7) : rng.int(1, 4)) + (depth <= 1 ? 2 : 0);
    for (let k = 0; k < size; k++) {
      const position = rng.weighted([[PersonPosition.PROSECUTOR, 50], [PersonPosition.ASSISTANT, 35], [PersonPosition.CLERK, 15]] as const);
      if (isCaseManagement && k < 2 && position !== PersonPosition.CLERK) {
        office.caseSupervisors.push(addPerson(unit, position, SupervisorKind.CASE_MANAGEMENT));
      } else if (business && !isCaseManagement && k === 0 && position !== PersonPosition.CLERK && rng.chance(0.6)) {
        department.businessSupervisors.push(addPerson(unit, position, SupervisorKind.BUSINESS));
      } else {
        const id = addPerson(unit, position, null);
        department.staff.push(id);
        if (line.code === "JWDC") office.inspectors.push(id);
      }
    }
    if (line.code === "JWDC") office.inspectors.push(department.head);
    tree.departments.push(department);
    return department;
  };

  const root = makeOffice(null, 0, 0, { code: "SPP", name: "最高人民检察院", short: "最高检", casePrefix: "高" });
  tree.root = root;
  const provinceOffices = PROVINCES.slice(0, provinces).map((province, p) =>
    makeOffice(root, 1, p + 1, { code: `P${pad(p + 1)}`, name: `${province}人民检察院`, short: `${province}院`, casePrefix: province.slice(0, 1) }),
  );
  let cityNo = 0;
  let basicNo = 0;
  provinceOffices.forEach((province, p) => {
    for (let c = 0; c < cityParents[p]!; c++) {
      const place = placeName(cityNo * 7 + 3);
      const city = makeOffice(province, 2, c + 1, { code: `${province.code}-C${pad(c + 1)}`, name: `${PROVINCES[p]}${place}市人民检察院`, short: `${place}市院`, casePrefix: place.slice(0, 1) });
      for (let b = 0; b < basicParents[cityNo]!; b++) {
        const town = placeName(basicNo * 11 + 5);
        const kind = rng.chance(0.4) ? "区" : "县";
        makeOffice(city, 3, b + 1, { code: `${city.code}-B${pad(b + 1)}`, name: `${place}市${town}${kind}人民检察院`, short: `${town}${kind}院`, casePrefix: place.slice(0, 1) + town.slice(0, 1) });
        basicNo++;
      }
      cityNo++;
    }
  });
  return tree;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `items` children spread over `parents`, each parent at least one when there are enough. */
function spread(items: number, parents: number, rng: Rng): number[] {
  const counts = Array<number>(parents).fill(items >= parents ? 1 : 0);
  for (let k = counts.reduce((a, b) => a + b, 0); k < items; k++) counts[rng.int(0, parents - 1)]!++;
  return counts;
}

/** Splits `total` in proportion to `weights`, each share within [min, max], summing exactly to `total`. */
export function allocate(total: number, weights: number[], min: number, max: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const target = weights.map((w) => (total * w) / sum);
  const counts = target.map((t) => Math.min(max, Math.max(min, Math.floor(t))));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  if (total > max * weights.length || total < min * weights.length) throw new Error(`generate: cannot split ${total} into ${weights.length} shares of ${min}–${max}`);
  const order = target.map((t, i) => i).sort((a, b) => target[b]! - counts[b]! - (target[a]! - counts[a]!) || a - b);
  while (diff !== 0) {
    for (const i of diff > 0 ? order : [...order].reverse()) {
      if (diff > 0 && counts[i]! < max) (counts[i]!++, diff--);
      else if (diff < 0 && counts[i]! > min) (counts[i]!--, diff++);
      if (diff === 0) break;
    }
  }
  return counts;
}

/** Fictional full names: the demo's surnames and given names, recombined. */
class NameMaker {
  private readonly surnames: string[];
  private readonly given: string[];
  constructor(private readonly rng: Rng) {
    const demo = buildOrg().people.map((p) => p.name);
    this.surnames = [...new Set(demo.map((n) => n.slice(0, 1)))];
    this.given = [...new Set(demo.map((n) => n.slice(1)))];
  }
  next(): string {
    return this.rng.pick(this.surnames) + this.rng.pick(this.given);
  }
}
