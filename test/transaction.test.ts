import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AfterCommitError, earlyCommitOf } from "../db/transaction.js";
import { freshDatabase, type TestDatabase } from "./support/database.js";

// db/transaction.ts is how drizzle's transactions run on PostgreSQL (PGlite keeps its own).
const postgresUrl = process.env.TEST_DATABASE_URL;

let t: TestDatabase;

describe.skipIf(!postgresUrl)("pipelined transactions (needs PostgreSQL: skipped unless TEST_DATABASE_URL is set)", () => {
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

  it("an early commit sent with the last statements keeps what came before it", async () => {
    await clear();
    await db().transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (10)`);
      await Promise.all([tx.execute(sql`insert into tx_probe values (11)`), earlyCommitOf(tx)!()]);
    });
    expect(await rows()).toEqual([10, 11]);
  });

  it("an early commit behind a failing statement commits nothing", async () => {
    await clear();
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (20)`);
        await Promise.all([tx.execute(sql`insert into tx_probe values (20)`), earlyCommitOf(tx)!()]);
      }),
    ).rejects.toThrow();
    expect(await rows()).toEqual([]);
  });

  it("a statement after the early commit throws instead of running on its own", async () => {
    await clear();
    const error = await db()
      .transaction(async (tx) => {
        await Promise.all([tx.execute(sql`insert into tx_probe values (30)`), earlyCommitOf(tx)!()]);
        await tx.execute(sql`insert into tx_probe values (31)`);
      })
      .catch((e: unknown) => e);
    expect((error as Error).cause ?? error).toBeInstanceOf(AfterCommitError);
    expect(await rows()).toEqual([30]);
  });

  it("savepoints roll back on their own and offer no early commit", async () => {
    await clear();
    await db().transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (40)`);
      await tx
        .transaction(async (inner) => {
          expect(earlyCommitOf(inner)).toBeUndefined();
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
          await Promise.all([tx.execute(sql`select pg_advisory_xact_lock(1)`), earlyCommitOf(tx)!()]);
        }),
      ),
    );
    expect((await rows()).length).toBe(40);
  });
});
