import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../db/client.js";
import { projectPath } from "../db/paths.js";
import { SettableClock } from "../server/clock.js";
import { internalContext } from "../server/context.js";
import { createUnit } from "../server/units/units.service.js";
import { UnitKind, UnitLevel } from "../server/units/unit.type.js";
import { verifyJournal } from "../server/journal/journal.service.js";
import { buildSmallTree, findingInput, MUTATIONS, RECORD_FINDING, rowIdOf, type SmallTree } from "./support/factory.js";
import { freshDatabase, type TestDatabase } from "./support/database.js";
import { startTestServer, type TestServer } from "./support/server.js";

const run = promisify(execFile);

async function journalRows(database: Database): Promise<number> {
  const [row] = await database.exec("select count(*)::int as n from journal");
  return Number(row!.n);
}

/** Makes the journal writable for one tampering statement, as a database superuser could. */
async function tamper(database: Database, statement: string): Promise<void> {
  await database.exec("alter table journal disable trigger journal_append_only");
  await database.exec(statement);
  await database.exec("alter table journal enable trigger journal_append_only");
}

describe("journal", () => {
  let server: TestServer;
  let tree: SmallTree;
  beforeAll(async () => {
    server = await startTestServer({ now: new Date("2026-11-23T02:00:00Z") });
    tree = await buildSmallTree(server);
    for (let i = 0; i < 3; i++) await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: `问题${i}` }) });
  });
  afterAll(() => server?.close());

  it("holds one row per mutation, chained by hash", async () => {
    // the test admin and their login, then 4 units + 3 people + 3 findings
    expect(await journalRows(server.database)).toBe(12);
    expect(await verifyJournal(server.database.db)).toEqual({ ok: true, rows: 12 });
    const rows = await server.database.exec("select seq, prev_hash, hash from journal order by seq");
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it("refuses UPDATE and DELETE on journal rows", async () => {
    await expect(server.database.exec("update journal set actor = 'x' where seq = 1")).rejects.toThrow(/append-only/);
    await expect(server.database.exec("delete from journal where seq = 1")).rejects.toThrow(/append-only/);
    expect(await verifyJournal(server.database.db)).toMatchObject({ ok: true });
  });

  it("writes no row for a mutation that fails", async () => {
    const before = await journalRows(server.database);
    const result = await server.gql(RECORD_FINDING, { input: { ...findingInput({} as never), unit: "VW5pdDo5OTk", handler: null, foundBy: null } });
    expect(result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await journalRows(server.database)).toBe(before);
  });

  it("serialises concurrent appends into one gapless chain", async () => {
    const before = await journalRows(server.database);
    const ctx = () => internalContext(server.database.db, new SettableClock(), "test");
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUnit(ctx(), { code: `PAR-${i}`, name: `并发单位${i}`, kind: UnitKind.OFFICE, level: UnitLevel.BASIC })),
    );
    expect(await journalRows(server.database)).toBe(before + 12);
    expect(await verifyJournal(server.database.db)).toMatchObject({ ok: true });
  });

  it("chains concurrent changes that journal before and after their findings, without a deadlock", async () => {
    // A 整改通知书 journals the notice, then records its findings (their tallies come after the
    // journal row); a recordFinding writes the finding first. Both lock the journal and the same
    // tally rows (this month's country and province) at COMMIT, in one order for all.
    const item = await server.ok<{ openSupervisionItem: { id: string } }>(
      `mutation($input: OpenSupervisionItemInput!) { openSupervisionItem(input: $input) { id } }`,
      { input: { title: "并发督察事项", source: "LEADER_ASSIGNED", requirements: "逐项整改。", unit: tree.basicProsecution } },
    );
    const problem = { title: "整改台账未按期更新", description: "销号材料缺失。", category: "CASE_PROCEDURE", severity: "IRREGULAR", rectificationClass: "IMMEDIATE", deadline: "2026-12-10" };
    const before = await journalRows(server.database);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 2 === 0
          ? server.gql(`mutation($input: IssueSupervisionNoticeInput!) { issueSupervisionNotice(input: $input) { id } }`, {
              input: { item: item.openSupervisionItem.id, kind: "RECTIFICATION_NOTICE", text: `整改通知${i}`, problems: [problem, { ...problem, title: `问题${i}` }] },
            })
          : server.gql(RECORD_FINDING, { input: findingInput(tree, { title: `并发问题${i}` }) }),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    // 12 notices with 2 findings each, 12 findings
    expect(await journalRows(server.database)).toBe(before + 12 * 3 + 12);
    expect(await verifyJournal(server.database.db)).toMatchObject({ ok: true });
  });

  it("reports a step whose journal row fails as failed, and keeps nothing of it", async () => {
    // The journal row is the change's last write: a row the database refuses fails the step and
    // rolls it back.
    const { recordFinding: found } = await server.ok<{ recordFinding: { id: string; version: number } }>(RECORD_FINDING, { input: findingInput(tree, { title: "日志写入失败" }) });
    await server.database.exec(`create function refuse_journal() returns trigger as $$ begin raise exception 'journal refused'; end $$ language plpgsql`);
    await server.database.exec(
      `create trigger refuse_journal before insert on journal_pending for each row when (new.action = 'startRectification') execute function refuse_journal()`,
    );
    try {
      const before = await journalRows(server.database);
      const res = await server.gql(MUTATIONS.startRectification, { input: { id: found.id, version: found.version } });
      expect(res.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await journalRows(server.database)).toBe(before);
      expect(await server.database.exec(`select status, version from findings where id = ${rowIdOf(found.id)}`)).toEqual([{ status: "OPEN", version: found.version }]);
    } finally {
      await server.database.exec(`drop trigger refuse_journal on journal_pending`);
      await server.database.exec(`drop function refuse_journal()`);
    }
    const res = await server.ok<{ startRectification: { status: string } }>(MUTATIONS.startRectification, { input: { id: found.id, version: found.version } });
    expect(res.startRectification.status).toBe("RECTIFYING");
    expect(await verifyJournal(server.database.db)).toMatchObject({ ok: true });
  });

  it("names the first edited row", async () => {
    await tamper(server.database, `update journal set after = jsonb_set(after, '{title}', '"改过的标题"') where seq = 11`);
    expect(await verifyJournal(server.database.db)).toMatchObject({ ok: false, badSeq: 11 });
  });
});

describe("journal:verify", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let fresh: TestDatabase | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sv-verify-"));
    if (process.env.TEST_DATABASE_URL) {
      fresh = await freshDatabase();
      env = { ...process.env, DATABASE_URL: fresh.url };
    } else {
      env = { ...process.env, DATABASE_URL: "", DATA_DIR: join(dir, "data") };
    }
  });
  afterAll(async () => {
    await fresh?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the built CLI (npm test builds first) against the database in `env`. */
  async function verifyCli(): Promise<{ code: number; out: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [projectPath("dist/server/journal/verify-cli.js")], { env });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  }

  /** PGlite allows one process at a time, so the test opens and closes around each CLI run. */
  async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const db = env.DATABASE_URL ? await openDatabase({ kind: "postgres", url: env.DATABASE_URL }) : await openDatabase({ kind: "pglite", dataDir: env.DATA_DIR! });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  it("exits 0 on an intact chain, and 1 naming the first removed or reordered seq", async () => {
    await withDatabase(async (db) => {
      await db.migrate();
      const ctx = internalContext(db.db, new SettableClock(), "test");
      for (let i = 0; i < 5; i++) await createUnit(ctx, { code: `CLI-${i}`, name: `单位${i}`, kind: UnitKind.OFFICE, level: UnitLevel.CITY });
    });
    const good = await verifyCli();
    expect(good.out).toContain("journal OK: 5 entries");
    expect(good.code).toBe(0);

    const removedRow = await withDatabase(async (db) => {
      const [row] = await db.exec("select * from journal where seq = 3");
      await tamper(db, "delete from journal where seq = 3");
      return row!;
    });
    const removed = await verifyCli();
    expect(removed.code).toBe(1);
    expect(removed.out).toContain("BROKEN at seq 3");

    // Put the row back, then swap rows 4 and 5.
    await withDatabase((db) =>
      tamper(
        db,
        `insert into journal select * from jsonb_populate_record(null::journal, '${JSON.stringify(removedRow).replace(/'/g, "''")}'::jsonb)`,
      ),
    );
    expect((await verifyCli()).code).toBe(0);
    await withDatabase(async (db) => {
      await tamper(db, "update journal set seq = -1 where seq = 4");
      await tamper(db, "update journal set seq = 4 where seq = 5");
      await tamper(db, "update journal set seq = 5 where seq = -1");
    });
    const reordered = await verifyCli();
    expect(reordered.code).toBe(1);
    expect(reordered.out).toContain("BROKEN at seq 4");
  });
});
