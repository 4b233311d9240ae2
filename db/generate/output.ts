import type postgres from "postgres";
import { WORK_DAY, type WorkCalendar } from "../demo/calendar.js";
import {
  accountabilityActionFindings,
  accountabilityActions,
  bulletinItems,
  bulletins,
  findings,
  journal,
  measures,
  people,
  responsibilities,
  units,
} from "../tables/index.js";
import { CopyStream } from "./copy.js";
import { JOURNAL_COLUMNS, JournalWriter } from "./journal.js";

/** The journal is two thirds of the rows and its jsonb parsing bounds the load: two backends. */
const JOURNAL_CONNECTIONS = Number(process.env.GENERATE_JOURNAL_CONNECTIONS ?? 2);

/** The COPY streams of every table the generator fills, the journal writer and the id counters. */
export class Output {
  readonly units: CopyStream<typeof units>;
  readonly people: CopyStream<typeof people>;
  readonly findings: CopyStream<typeof findings>;
  readonly measures: CopyStream<typeof measures>;
  readonly responsibilities: CopyStream<typeof responsibilities>;
  readonly actions: CopyStream<typeof accountabilityActions>;
  readonly actionFindings: CopyStream<typeof accountabilityActionFindings>;
  readonly bulletins: CopyStream<typeof bulletins>;
  readonly bulletinItems: CopyStream<typeof bulletinItems>;
  readonly journal: CopyStream<typeof journal>;
  readonly writer: JournalWriter;
  readonly ids = { measure: 0, responsibility: 0, action: 0, bulletin: 0, bulletinItem: 0 };

  constructor(sql: postgres.Sql) {
    this.units = new CopyStream(sql, units, ["id", "code", "name", "kind", "level", "category", "businessLine", "parentId", "path", "headId", "sortOrder"]);
    this.people = new CopyStream(sql, people, ["id", "name", "unitId", "position", "supervisorKind"]);
    this.findings = new CopyStream(sql, findings, [...FINDING_KEYS]);
    this.measures = new CopyStream(sql, measures, ["id", "findingId", "text", "ownerId", "due", "doneAt", "createdAt"]);
    this.responsibilities = new CopyStream(sql, responsibilities, ["id", "findingId", "tier", "personId", "unitId", "createdAt"]);
    this.actions = new CopyStream(sql, accountabilityActions, ["id", "kind", "targetPersonId", "targetUnitId", "unitPath", "reason", "decidedById", "decidedOn", "createdAt"]);
    this.actionFindings = new CopyStream(sql, accountabilityActionFindings, ["actionId", "findingId"]);
    this.bulletins = new CopyStream(sql, bulletins, ["id", "unitId", "unitPath", "kind", "title", "year", "number", "publishedAt", "publishedById", "createdAt"]);
    this.bulletinItems = new CopyStream(sql, bulletinItems, ["id", "bulletinId", "position", "kind", "findingId", "text", "snapshot"]);
    this.journal = new CopyStream(sql, journal, [...JOURNAL_COLUMNS], JOURNAL_CONNECTIONS);
    this.writer = new JournalWriter(this.journal);
  }

  get streams(): CopyStream<never>[] {
    return [this.units, this.people, this.findings, this.measures, this.responsibilities, this.actions, this.actionFindings, this.bulletins, this.bulletinItems, this.journal] as CopyStream<never>[];
  }

  async open(): Promise<void> {
    for (const stream of this.streams) await stream.open();
  }

  /** Waits while any connection is full, so at most about a megabyte per table is in memory. */
  async pace(): Promise<void> {
    for (const stream of this.streams) await stream.pace();
  }

  async close(): Promise<void> {
    await Promise.all(this.streams.map((s) => s.close()));
  }
}

/** The findings columns, in the order drizzle returns a row (the journal holds rows in this shape). */
export const FINDING_KEYS = [
  "id", "code", "title", "description", "unitId", "unitPath", "handlerId", "caseRef", "category", "severity", "source", "inspectionId",
  "qualityReviewId", "samplingRoundId", "supervisionNoticeId", "rectificationClass", "status", "deadline", "warningAt", "foundById",
  "foundAt", "repeatOfId", "submittedAt", "verifiedAt", "verifiedById", "rejectionReason", "withdrawalReason", "createdAt", "updatedAt",
  "version",
] as const;

/** Work time (WorkCalendar seconds) to epoch milliseconds, whole ms as the database keeps them. */
export class WorkClock {
  private readonly starts: number[];
  constructor(private readonly cal: WorkCalendar) {
    this.starts = cal.days.map((_, i) => cal.toDate(i * WORK_DAY).getTime());
  }
  ms(work: number): number {
    const index = Math.min(Math.floor(work / WORK_DAY), this.starts.length - 1);
    return this.starts[index]! + Math.round((work - index * WORK_DAY) * 1000);
  }
  iso(work: number): string {
    return new Date(this.ms(work)).toISOString();
  }
  day(work: number): string {
    return this.cal.dayOf(work);
  }
}
