import { createUser } from "../../server/auth/auth.service.js";
import type { Role } from "../../server/auth/viewer.js";
import { internalContext } from "../../server/context.js";
import type { Credentials, TestServer } from "./server.js";

export interface SmallTree {
  city: string;
  cityCaseDept: string;
  basic: string;
  basicProsecution: string;
  supervisor: string;
  handler: string;
  otherHandler: string;
}

/** Creates a unit through the API; returns its global id. */
export async function createUnit(server: TestServer, input: Record<string, unknown>): Promise<string> {
  return (await server.ok<{ createUnit: { id: string } }>(`mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }`, { input })).createUnit.id;
}

/** Creates a person through the API; returns their global id. */
export async function createPerson(server: TestServer, input: Record<string, unknown>): Promise<string> {
  return (await server.ok<{ createPerson: { id: string } }>(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`, { input })).createPerson.id;
}

/** A city office with one department, a basic office with one department, and three people. */
export async function buildSmallTree(server: TestServer): Promise<SmallTree> {
  const unit = (input: Record<string, unknown>) => createUnit(server, input);
  const person = (input: Record<string, unknown>) => createPerson(server, input);
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
export function findingInput(
  tree: Pick<SmallTree, "basicProsecution" | "handler" | "supervisor">,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
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

const FINDING_FIELDS = "id code status version flag overdue inWarning deadline warningAt";

/** Workflow mutations, each taking `$input` and returning the finding (or measure / responsibility). */
export const MUTATIONS = {
  updateFinding: `mutation($input: UpdateFindingInput!) { updateFinding(input: $input) { ${FINDING_FIELDS} title } }`,
  startRectification: `mutation($input: FindingStepInput!) { startRectification(input: $input) { ${FINDING_FIELDS} } }`,
  submitRectification: `mutation($input: FindingStepInput!) { submitRectification(input: $input) { ${FINDING_FIELDS} submittedAt } }`,
  verifyRectification: `mutation($input: VerifyRectificationInput!) { verifyRectification(input: $input) { ${FINDING_FIELDS} verifiedAt } }`,
  rejectRectification: `mutation($input: ReasonStepInput!) { rejectRectification(input: $input) { ${FINDING_FIELDS} rejectionReason } }`,
  withdrawFinding: `mutation($input: ReasonStepInput!) { withdrawFinding(input: $input) { ${FINDING_FIELDS} withdrawalReason } }`,
  addMeasure: `mutation($input: AddMeasureInput!) { addMeasure(input: $input) { id text due done doneAt } }`,
  completeMeasure: `mutation($input: CompleteMeasureInput!) { completeMeasure(input: $input) { id done doneAt } }`,
  assignResponsibility: `mutation($input: AssignResponsibilityInput!) { assignResponsibility(input: $input) { id tier } }`,
  recordAccountabilityAction: `mutation($input: RecordAccountabilityActionInput!) { recordAccountabilityAction(input: $input) { id kind reason decidedOn } }`,
  createBulletin: `mutation($input: CreateBulletinInput!) { createBulletin(input: $input) { id published number issue } }`,
  publishBulletin: `mutation($id: ID!) { publishBulletin(id: $id) { id published year number issue publishedAt } }`,
} as const;

export interface JournalTail {
  totalCount: number;
  edges: { node: { seq: number; action: string; entity: string; entityId: string } }[];
}

/** Journal entries after `since`, oldest first (at most 100). */
export async function journalSince(server: TestServer, since: number): Promise<JournalTail> {
  const data = await server.ok<{ journal: JournalTail }>(
    `query($since: Int!) { journal(since: $since, first: 100) { totalCount edges { node { seq action entity entityId } } } }`,
    { since },
  );
  return data.journal;
}

/** The seq of the newest journal entry (0 when empty); seqs run 1, 2, 3 … without gaps. */
export async function lastJournalSeq(server: TestServer): Promise<number> {
  return (await server.ok<{ journal: { totalCount: number } }>(`{ journal(since: 0, first: 0) { totalCount } }`)).journal.totalCount;
}

/**
 * Row counts and content digests of every table a mutation may touch, taken with plain SQL, so
 * a test can show that a failed request changed nothing at all.
 */
export async function dataSnapshot(server: TestServer): Promise<Record<string, unknown>> {
  const digest = (table: string, order: string) => `(select coalesce(md5(string_agg(t::text, '|' order by ${order})), '') from ${table} t)`;
  const [row] = await server.database.exec(`select
    (select count(*)::int from findings) as findings,
    (select count(*)::int from measures) as measures,
    (select count(*)::int from responsibilities) as responsibilities,
    (select count(*)::int from accountability_actions) as actions,
    (select count(*)::int from accountability_action_findings) as action_links,
    (select count(*)::int from bulletins) as bulletins,
    (select count(*)::int from bulletin_items) as bulletin_items,
    (select count(*)::int from units) as units,
    (select count(*)::int from people) as people,
    (select count(*)::int from journal) as journal,
    (select coalesce(max(seq), 0)::int from journal) as journal_seq,
    ${digest("findings", "id")} as findings_digest,
    ${digest("measures", "id")} as measures_digest,
    ${digest("responsibilities", "id")} as responsibilities_digest,
    ${digest("bulletins", "id")} as bulletins_digest`);
  return row!;
}

/** The numeric row id inside a global id. */
export function rowIdOf(globalId: string): number {
  return Number(Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]);
}

let users = 0;

/** A new login with `role`, seeing `scopeUnit`'s subtree, signed in over HTTP. */
export async function signInAs(server: TestServer, role: Role, scopeUnit: string | null): Promise<Credentials> {
  const username = `user-${++users}-${role.toLowerCase()}`;
  const password = "correct horse battery";
  await createUser(internalContext(server.database.db, server.clock, "test"), { username, password, role, scopeUnitId: scopeUnit ? rowIdOf(scopeUnit) : null });
  return { cookie: await server.login(username, password) };
}
