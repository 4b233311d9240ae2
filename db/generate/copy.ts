import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Writable } from "node:stream";
import { Json } from "./journal.js";

/** A value as COPY's text format wants it: \N for null, backslash, tab and line breaks escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  return copyEscape(value instanceof Date ? value.toISOString() : String(value));
}

export function copyEscape(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c]!) : text;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

const BACKSLASH = 0x5c;
const BUFFER_SIZE = 1 << 20;
const FLUSH_AT = BUFFER_SIZE - (64 << 10);

/**
 * One `COPY table (columns) FROM STDIN` stream on its own connection. Rows are encoded straight
 * into ~1 MiB buffers; `pace()` waits for the server when the socket is full, which keeps the
 * generator's memory bounded.
 */
export class CopyStream<T extends PgTable> {
  rows = 0;
  readonly name: string;
  private readonly columns: string[];
  private readonly connections: postgres.ReservedSql[] = [];
  private readonly streams: Writable[] = [];
  private next = 0;
  private buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private used = 0;
  /** Buffers the connections have taken, to fill again: fewer megabytes of new memory to collect. */
  private readonly free: (typeof this.buffer)[] = [];
  /** Byte ranges [start, end) of the open row's Json values by value index (-1: not usable). */
  private readonly spans: number[] = [];
  private waiting: Promise<void> | undefined;
  private failed: Error | undefined;

  /**
   * `keys` are the drizzle property names of the columns the generator fills, in row order.
   * `parallel` COPY connections take whole buffers in turn, so PostgreSQL parses a large table's
   * rows on several backends at once (row order inside a table does not matter).
   */
  constructor(
    private readonly sql: postgres.Sql,
    table: T,
    readonly keys: (keyof T["_"]["columns"] & string)[],
    private readonly parallel = 1,
  ) {
    this.name = getTableName(table);
    const columns = getTableColumns(table);
    this.columns = keys.map((key) => {
      const column = columns[key];
      if (!column) throw new Error(`generate: ${this.name} has no column ${key}`);
      return column.name;
    });
  }

  async open(): Promise<void> {
    const list = this.columns.map((c) => `"${c}"`).join(", ");
    for (let i = 0; i < this.parallel; i++) {
      const connection = await this.sql.reserve();
      this.connections.push(connection);
      // lz4 compresses the large jsonb values several times faster than the default pglz; a
      // server built without lz4 keeps its default.
      await connection.unsafe(`set default_toast_compression = 'lz4'`).catch(() => undefined);
      const stream = await connection.unsafe(`copy "${this.name}" (${list}) from stdin`).writable();
      stream.on("error", (error: Error) => (this.failed ??= error));
      this.streams.push(stream);
    }
  }

  /** Adds one row; values in the order of `keys`. */
  add(values: unknown[]): void {
    this.openRow(values);
    this.closeRow([]);
  }

  /**
   * Writes the first values of a row and leaves it open for closeRow. Meanwhile jsonBytes gives
   * the bytes a Json value was written as, so the journal hashes what it already encoded.
   */
  openRow(values: unknown[]): void {
    this.spans.length = 0;
    for (let i = 0; i < values.length; i++) this.put(values[i], i > 0, i);
  }

  /** The bytes of the open row's value at `index` when it is a Json without backslashes (COPY doubles those), else undefined. */
  jsonBytes(index: number): Buffer | undefined {
    const start = this.spans[2 * index];
    return start === undefined || start < 0 ? undefined : this.buffer.subarray(start, this.spans[2 * index + 1]);
  }

  /** Writes the rest of the row opened by openRow and ends it. */
  closeRow(values: unknown[]): void {
    for (const value of values) this.put(value, true, -1);
    this.buffer[this.used++] = 10;
    this.rows++;
    // Buffers end on row boundaries: with parallel connections each buffer is whole rows.
    if (this.used >= FLUSH_AT) this.flush();
  }

  private put(value: unknown, tab: boolean, index: number): void {
    if (value instanceof Json) {
      this.putJson(value, tab, index);
      return;
    }
    const text = copyValue(value);
    this.ensure(3 * text.length + 2);
    if (tab) this.buffer[this.used++] = 9;
    this.used += this.buffer.write(text, this.used);
  }

  /** Room for `bytes` more in the current buffer, growing it (a row never spans two buffers). */
  private ensure(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.used + bytes));
    this.buffer.copy(bigger, 0, 0, this.used);
    this.buffer = bigger;
  }

  /**
   * JSON text needs only its backslashes doubled for COPY (it holds no raw tab or line break).
   * Written first, then the bytes are searched (memchr) rather than the text: most rows have none.
   */
  private putJson(json: Json, tab: boolean, index: number): void {
    const value = json.value;
    if (tab) {
      this.ensure(1);
      this.buffer[this.used++] = 9;
    }
    const start = this.used;
    if (typeof value === "string") this.putText(value);
    else {
      const { bytes, cuts, values } = value;
      let at = 0;
      for (let i = 0; i < cuts.length; i++) {
        this.putBytes(bytes, at, cuts[i]!);
        this.putText(values[i]!);
        at = cuts[i]!;
      }
      this.putBytes(bytes, at, bytes.length);
    }
    const escaped = this.buffer.subarray(start, this.used).includes(BACKSLASH);
    if (escaped) {
      this.used = start;
      this.putText(json.text.replaceAll("\\", "\\\\"));
    }
    if (index >= 0) {
      // A buffer that grows later in the row keeps the offsets: jsonBytes slices the current one.
      this.spans[2 * index] = escaped ? -1 : start;
      this.spans[2 * index + 1] = this.used;
    }
  }

  private putText(text: string): void {
    this.ensure(3 * text.length);
    this.used += this.buffer.write(text, this.used);
  }

  private putBytes(bytes: Buffer, start: number, end: number): void {
    this.ensure(end - start);
    this.used += bytes.copy(this.buffer, this.used, start, end);
  }

  /** Resolves once the connection has taken what was written (backpressure). */
  pace(): Promise<void> | undefined {
    if (this.failed) throw new Error(`COPY ${this.name} failed: ${this.failed.message}`);
    return this.waiting;
  }

  private flush(): void {
    if (this.used > 0) {
      const stream = this.streams[this.next]!;
      this.next = (this.next + 1) % this.streams.length;
      const buffer = this.buffer;
      // The callback runs once the connection has copied the chunk into its message.
      const full = stream.write(buffer.subarray(0, this.used), () => buffer.length === BUFFER_SIZE && this.free.push(buffer));
      if (!full && !this.waiting) this.waitForDrain(stream);
      this.buffer = this.free.pop() ?? Buffer.allocUnsafe(BUFFER_SIZE);
    }
    this.used = 0;
  }

  private waitForDrain(stream: Writable): void {
    this.waiting = new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        stream.off("drain", done);
        stream.off("error", done);
        this.waiting = undefined;
        if (error) reject(new Error(`COPY ${this.name} failed: ${error.message}`));
        else resolve();
      };
      stream.on("drain", done);
      stream.on("error", done);
    });
  }

  /** Flushes the rest and waits until PostgreSQL has committed the COPY. */
  async close(): Promise<void> {
    this.flush();
    if (this.failed) throw new Error(`COPY ${this.name} failed: ${this.failed.message}`);
    try {
      await Promise.all(
        this.streams.map(
          (stream) =>
            new Promise<void>((resolve, reject) => {
              stream.once("error", reject);
              stream.once("finish", resolve);
              stream.end();
            }),
        ),
      );
    } finally {
      for (const connection of this.connections) connection.release();
    }
  }
}
