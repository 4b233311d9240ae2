import { asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateBulk, GenerateRefused, type GenerateOptions, type GenerateReport } from "../db/generate/generate.js";
import { findings, journal, people, units } from "../db/tables/index.js";
import { FindingStatus, Flag } from "../server/findings/finding.enums.js";
import { deriveFlag } from "../server/findings/flag.js";
import { verifyJournal } from "../server/journal/journal.service.js";
import { freshDatabase, type TestDatabase } from "./support/database.js";

// The generator writes through COPY on PostgreSQL; on PGlite there is nothing to test.
const postgresUrl = process.env.TEST_DATABASE_URL;
const NOW = new Date("2026-11-23T02:00:00Z");
const SIZE = { units: 600, findings: 3000, seed: 7, now: NOW, reset: false };

let first: TestDatabase;
let report: GenerateReport;

describe.skipIf(!postgresUrl)("bulk generator (needs PostgreSQL: skipped unless TEST_DATABASE_URL is set)", () => {
  beforeAll(async () => {
    first = await freshDatabase();
    report = await generateBulk({ ...SIZE, url: first.url! });
  }, 300_000);
  afterAll(() => first?.drop());

  const db = () => first.database.db;
  const rows = async (sqlText: string) => first.database.exec(sqlText);

  it("writes exactly the asked units and findings, and reports every table it filled", async () => {
    expect((await db().select({ n: count() }).from(units))[0]!.n).toBe(SIZE.units);
    expect((await db().select({ n: count() }).from(findings))[0]!.n).toBe(SIZE.findings);
    for (const table of report.tables) {
      const [row] = await rows(`select count(*)::int as n from "${table.name}"`);
      expect(row!.n, table.name).toBe(table.rows);
      expect(table.rows, table.name).toBeGreaterThan(0);
    }
    const staff = (await db().select({ n: count() }).from(people))[0]!.n;
    expect(staff).toBeGreaterThan(SIZE.units * 2);
  });

  it("builds one tree on four office levels with departments under every office", async () => {
    const all = await db().select().from(units).orderBy(asc(units.id));
    const byId = new Map(all.map((u) => [u.id, u]));
    const roots = all.filter((u) => u.parentId === null);
    expect(roots.map((u) => u.name)).toEqual(["最高人民检察院"]);
    const offices = all.filter((u) => u.kind === "OFFICE");
    const depth = (path: string) => path.split("/").length - 2;
    expect(new Set(offices.map((o) => `${depth(o.path)}:${o.level}`))).toEqual(new Set(["1:PROVINCE", "2:PROVINCE", "3:CITY", "4:BASIC"]));
    expect(offices.length / all.length).toBeGreaterThan(0.05);
    expect(offices.length / all.length).toBeLessThan(0.1);
    for (const unit of all) {
      const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
      expect(unit.path).toBe(`${parent?.path ?? "/"}${unit.id}/`);
      if (unit.kind === "DEPARTMENT") {
        expect(parent?.kind).toBe("OFFICE");
        expect(unit.level).toBe(parent?.level);
      }
    }
    expect(new Set(all.map((u) => u.code)).size).toBe(all.length);
    for (const office of offices) expect(all.some((u) => u.parentId === office.id && u.kind === "DEPARTMENT")).toBe(true);
    expect(all.every((u) => u.headId !== null)).toBe(true);
  });

  it("files every finding on a department with that department's path", async () => {
    const [mismatch] = await rows(`select count(*)::int as n from findings f join units u on u.id = f.unit_id where u.path <> f.unit_path or u.kind <> 'DEPARTMENT'`);
    expect(mismatch!.n).toBe(0);
  });

  it("writes a journal whose hash chain verifies and whose times never go back", async () => {
    const result = await verifyJournal(db());
    expect(result).toEqual({ ok: true, rows: report.tables.find((t) => t.name === "journal")!.rows });
    const [back] = await rows(`select count(*)::int as n from journal a join journal b on b.seq = a.seq + 1 where b.at < a.at`);
    expect(back!.n).toBe(0);
    const last = await db().select({ hash: journal.hash }).from(journal).orderBy(sql`${journal.seq} desc`).limit(1);
    expect(last[0]!.hash).toBe(report.lastHash);
  });

  it("ends each finding's journal history in the row that is stored", async () => {
    const stored = await db().select().from(findings).orderBy(asc(findings.id));
    const latest = await rows(`
      select distinct on (entity_id) entity_id::int as id, action, after from journal
      where entity = 'Finding' order by entity_id, seq desc`);
    const firsts = await rows(`
      select distinct on (entity_id) entity_id::int as id, action from journal
      where entity = 'Finding' order by entity_id, seq`);
    const steps = await rows(`select entity_id::int as id, count(*)::int as n from journal where entity = 'Finding' group by 1`);
    const lastById = new Map(latest.map((r) => [r.id as number, r]));
    const stepsById = new Map(steps.map((r) => [r.id as number, r.n as number]));
    expect(firsts.every((r) => r.action === "recordFinding")).toBe(true);
    for (const row of stored) {
      const after = { ...(lastById.get(row.id)!.after as Record<string, unknown>) };
      delete after.measure;
      delete after.responsibility;
      expect(after).toEqual(JSON.parse(JSON.stringify(row)));
      expect(stepsById.get(row.id)).toBe(row.version);
    }
  });

  it("mixes statuses and flags as a working ledger does: most verified, some in progress, a few overdue", async () => {
    const all = await db().select().from(findings);
    const share = (test: (f: (typeof all)[number]) => boolean) => all.filter(test).length / all.length;
    const flag = (f: (typeof all)[number]) => deriveFlag(f, NOW).flag;
    expect(share((f) => flag(f) === Flag.RED)).toBeGreaterThan(0.85);
    expect(share((f) => flag(f) === Flag.RED)).toBeLessThan(0.98);
    expect(share((f) => flag(f) === Flag.YELLOW)).toBeGreaterThan(0.005);
    expect(share((f) => flag(f) === Flag.YELLOW)).toBeLessThan(0.1);
    expect(share((f) => flag(f) === Flag.BLACK)).toBeGreaterThan(0.002);
    expect(share((f) => flag(f) === Flag.BLACK)).toBeLessThan(0.06);
    expect(share((f) => f.status === FindingStatus.WITHDRAWN)).toBeGreaterThan(0.005);
    expect(share((f) => f.status === FindingStatus.WITHDRAWN)).toBeLessThan(0.05);
    expect(new Set(all.map((f) => f.status))).toEqual(new Set(Object.values(FindingStatus)));
    expect(new Set(all.map((f) => f.rectificationClass)).size).toBe(3);
    expect(new Set(all.map((f) => f.severity)).size).toBe(3);
    expect(share((f) => f.severity === "FLAW")).toBeGreaterThan(share((f) => f.severity === "UNQUALIFIED"));
    const found = all.map((f) => f.foundAt.getTime());
    expect(Math.max(...found)).toBeLessThanOrEqual(NOW.getTime());
    expect((NOW.getTime() - Math.min(...found)) / 86_400_000).toBeGreaterThan(3 * 365 - 31);
    const [open] = await rows(`select count(*)::int as n from measures m join findings f on f.id = m.finding_id where f.status = 'VERIFIED' and m.done_at is null`);
    expect(open!.n).toBe(0);
  });

  it("refuses a database that has data unless told to reset it", async () => {
    await expect(generateBulk({ ...SIZE, url: first.url! })).rejects.toBeInstanceOf(GenerateRefused);
    expect((await db().select({ n: count() }).from(findings).where(eq(findings.id, 1)))[0]!.n).toBe(1);
  });

  it("writes the same rows and journal for the same seed, sizes and now", async () => {
    const second = await freshDatabase();
    try {
      const again = await generateBulk({ ...SIZE, url: second.url! } satisfies GenerateOptions);
      expect(again.lastHash).toBe(report.lastHash);
      const digest = (t: TestDatabase) =>
        t.database.exec(`select (select md5(string_agg(f::text, '|' order by id)) from findings f) as f, (select md5(string_agg(m::text, '|' order by id)) from measures m) as m`);
      expect(await digest(second)).toEqual(await digest(first));
    } finally {
      await second.drop();
    }
  }, 300_000);
});
