import type postgres from "postgres";

/**
 * Transactions on PostgreSQL without the waits postgres.js's own `begin` has: BEGIN goes out with
 * the body's first statement instead of taking a round trip of its own, and a body whose last
 * step is the journal append may send COMMIT right behind it (`earlyCommit`), so the journal lock
 * is held for what the database does, not for however long this process takes to come back to
 * the reply while it serves other requests.
 *
 * drizzle reaches this through the `begin` of the client it is given (db/client.ts `preparing`);
 * the body gets the reserved connection's sql with every statement prepared, a `savepoint`, and
 * the early commit under the EARLY_COMMIT key.
 */
export const EARLY_COMMIT = Symbol("earlyCommit");

/** A statement issued after an early commit: a programming error, never a silent autocommit. */
export class AfterCommitError extends Error {}

type Body<T> = (tx: postgres.TransactionSql) => T | Promise<T>;

export async function pipelinedBegin<T>(client: postgres.Sql, options: string, body: Body<T>): Promise<T> {
  const connection = await client.reserve();
  let committed: Promise<unknown> | undefined;
  let sent = false;
  let savepoints = 0;
  const guard = () => {
    if (sent) throw new AfterCommitError("a statement after the transaction was committed with its journal row");
  };
  // Not awaited: the body's first statement follows it on the same connection.
  const begun = connection.unsafe(`begin ${options.replace(/[^a-z ]/gi, "")}`).execute();
  begun.catch(() => undefined);

  const savepoint = async (...args: unknown[]): Promise<unknown> => {
    guard();
    const inner = args[args.length - 1] as Body<unknown>;
    const name = `s${++savepoints}`;
    await connection.unsafe(`savepoint ${name}`);
    try {
      // Inside a savepoint the outer transaction decides when to commit: no early commit here.
      const result = await inner(txSql(false));
      await connection.unsafe(`release savepoint ${name}`);
      return result;
    } catch (error) {
      if (!committed) await connection.unsafe(`rollback to savepoint ${name}`);
      throw error;
    }
  };
  // The statements the body has just started (through drizzle) reach postgres.js's queue only
  // after the current microtasks have run; a tick later the COMMIT queues behind them. A statement
  // that would reach it later still throws AfterCommitError, so a wrong order cannot go unseen.
  const earlyCommit = (): Promise<unknown> => {
    if (committed) throw new AfterCommitError("the transaction was already committed with its journal row");
    const commit = new Promise<unknown>((resolve, reject) =>
      process.nextTick(() => {
        sent = true;
        connection.unsafe("commit").execute().then(resolve, reject);
      }),
    );
    committed = commit;
    return commit;
  };
  const txSql = (outermost: boolean) =>
    new Proxy(connection, {
      get(target, key, receiver) {
        if (key === "unsafe") {
          return (text: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) => {
            guard();
            return target.unsafe(text, params as never, { ...options, prepare: true });
          };
        }
        if (key === "savepoint") return savepoint;
        if (key === EARLY_COMMIT) return outermost ? earlyCommit : undefined;
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as unknown as postgres.TransactionSql;

  try {
    const result = await body(txSql(true));
    await begun;
    await (committed ?? connection.unsafe("commit"));
    return result;
  } catch (error) {
    // After an early COMMIT the transaction is over either way: when a statement before it
    // failed, PostgreSQL answers that COMMIT with a rollback.
    if (committed) await committed.catch(() => undefined);
    else await connection.unsafe("rollback").catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

/**
 * The early commit of a drizzle transaction on PostgreSQL (see pipelinedBegin), or undefined
 * (PGlite, a nested transaction).
 */
export function earlyCommitOf(tx: unknown): (() => Promise<unknown>) | undefined {
  const client = (tx as { session?: { client?: Record<symbol, unknown> } }).session?.client;
  return client?.[EARLY_COMMIT] as (() => Promise<unknown>) | undefined;
}
