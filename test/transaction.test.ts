import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "./support/database.js";

// drizzle's transactions on PostgreSQL run through postgres.js's begin behind db/client.ts's
// `preparing` proxy (every statement prepared, savepoints wrapped the same way).
const postgresUrl = process.env.TEST_DATABASE_URL;

let t: TestDatabase;

describe.skipIf(!postgresUrl)("transactions on PostgreSQL (needs PostgreSQL: skipped unless TEST_DATABASE_URL is set)", () => {
  beforeAll(async () => {
    t = await freshDatabase();
    await t.database.exec("create table tx_probe (x int primary key)");
  });
  afterAll(() => t?.drop());

  const db = () => t.database.db;
  const rows = async () => (await t.database.exec("select x from tx_probe order by x")).map((r) => Number(r.x));
  const clear = () => t.database.exec("delete from tx_probe");

  it("commits a body's statements together and rolls them all back when it throws", async () => {
    await clear();
    await db().transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (1)`);
      await tx.execute(sql`insert into tx_probe values (2)`);
    });
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (3)`);
        throw new Error("the body gives up");
      }),
    ).rejects.toThrow("the body gives up");
    expect(await rows()).toEqual([1, 2]);
  });

  it("savepoints roll back on their own", async () => {
    await clear();
    await db().transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (40)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into tx_probe values (41)`);
          throw new Error("inner gives up");
        })
        .catch(() => undefined);
      await tx.execute(sql`insert into tx_probe values (42)`);
    });
    expect(await rows()).toEqual([40, 42]);
  });

  it("runs many transactions at once on a small pool without mixing them", async () => {
    await clear();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db().transaction(async (tx) => {
          await tx.execute(sql`insert into tx_probe values (${100 + i})`);
          await tx.execute(sql`select pg_advisory_xact_lock(1)`);
        }),
      ),
    );
    expect((await rows()).length).toBe(40);
  });

  it("fails a transaction whose connection dies under it, and the next ones run", async () => {
    await clear();
    const failed = await db()
      .transaction(async (tx) => {
        const [row] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
        await t.database.exec(`select pg_terminate_backend(${Number(row!.pid)})`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx.execute(sql`insert into tx_probe values (50)`);
      })
      .then(
        () => false,
        () => true,
      );
    expect(failed).toBe(true);
    for (let i = 0; i < 3; i++) await db().transaction(async (tx) => tx.execute(sql`insert into tx_probe values (${60 + i})`));
    expect(await rows()).toEqual([60, 61, 62]);
  });
});
