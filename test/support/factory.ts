import type { TestServer } from "./server.js";

export interface SmallTree {
  city: string;
  cityCaseDept: string;
  basic: string;
  basicProsecution: string;
  supervisor: string;
  handler: string;
  otherHandler: string;
}

/** A city office with one department, a basic office with one department, and three people. */
export async function buildSmallTree(server: TestServer): Promise<SmallTree> {
  const unit = async (input: Record<string, unknown>) =>
    (await server.ok<{ createUnit: { id: string } }>(`mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }`, { input })).createUnit.id;
  const person = async (input: Record<string, unknown>) =>
    (await server.ok<{ createPerson: { id: string } }>(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`, { input })).createPerson.id;
  const city = await unit({ code: "T-CITY", name: "测试市人民检察院", kind: "OFFICE", level: "CITY" });
  const cityCaseDept = await unit({ code: "T-CITY-AG", name: "案件管理部", kind: "DEPARTMENT", level: "CITY", category: "BUSINESS", businessLine: "案管", parent: city });
  const basic = await unit({ code: "T-B1", name: "测试区人民检察院", kind: "OFFICE", level: "BASIC", parent: city });
  const basicProsecution = await unit({ code: "T-B1-GS", name: "第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: basic });
  const supervisor = await person({ name: "周监管", unit: cityCaseDept, position: "PROSECUTOR", supervisorKind: "CASE_MANAGEMENT" });
  const handler = await person({ name: "李承办", unit: basicProsecution, position: "PROSECUTOR" });
  const otherHandler = await person({ name: "王检察", unit: basicProsecution, position: "PROSECUTOR" });
  return { city, cityCaseDept, basic, basicProsecution, supervisor, handler, otherHandler };
}

export const RECORD_FINDING = `mutation($input: RecordFindingInput!) {
  recordFinding(input: $input) { id code status version flag overdue inWarning deadline warningAt }
}`;

/** Input for recordFinding with sensible defaults; override any field. */
export function findingInput(tree: SmallTree, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "起诉书未载明被告人羁押情况",
    description: "案件起诉书中未写明被告人被采取强制措施的时间和种类。",
    unit: tree.basicProsecution,
    handler: tree.handler,
    caseRef: "测检刑诉〔2026〕15号",
    category: "LEGAL_DOCUMENTS",
    severity: "FLAW",
    source: "PROCESS_MONITORING",
    rectificationClass: "IMMEDIATE",
    deadline: "2026-12-10",
    foundBy: tree.supervisor,
    ...overrides,
  };
}
