import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastJournalSeq, signInAs } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;

const SET = `mutation($input: SetCalendarDayInput!) { setCalendarDay(input: $input) { day kind name workingDay sample } }`;
const IMPORT = `mutation($input: ImportCalendarInput!) { importCalendar(input: $input) { day kind name workingDay sample } }`;
const DAYS = `query($year: Int!) { calendarDays(year: $year) { day kind name workingDay } }`;
const WORKING = `query($day: LocalDate!) { workingDay(day: $day) { day workingDay kind name } }`;
const AFTER = `query($day: LocalDate!, $days: Int!) { workingDaysAfter(day: $day, days: $days) }`;

// A made-up 2031 week: Wednesday 1 Oct to Tuesday 7 Oct off, Saturday 11 Oct worked (调休).
const CSV = `date,kind,name
2031-10-01,HOLIDAY,国庆节
2031-10-02,休,国庆节
2031-10-03,HOLIDAY,国庆节
2031-10-06,HOLIDAY,国庆节
2031-10-07,HOLIDAY,国庆节
2031-10-11,班,国庆节调休
`;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("working-day calendar (工作日历)", () => {
  it("refuses signed-out reads and non-admin changes", async () => {
    const anonymous = await server.gql(WORKING, { day: "2031-10-01" }, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const city = (await server.ok(`mutation { createUnit(input: { code: "C-1", name: "日历市人民检察院", kind: OFFICE, level: CITY }) { id } }`)).createUnit.id;
    const supervisor = await signInAs(server, "SUPERVISOR", city);
    const refused = await server.gql(SET, { input: { day: "2031-10-01", kind: "HOLIDAY" } }, supervisor);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const reads = await server.gql(WORKING, { day: "2031-10-01" }, supervisor);
    expect(reads.errors).toBeUndefined();
  });

  it("follows Monday–Friday when the calendar is silent", async () => {
    const answer = async (day: string) => (await server.ok(WORKING, { day })).workingDay;
    expect(await answer("2031-09-29")).toEqual({ day: "2031-09-29", workingDay: true, kind: null, name: null });
    expect((await answer("2031-09-27")).workingDay).toBe(false); // Saturday
    expect((await answer("2031-09-28")).workingDay).toBe(false); // Sunday
    expect((await server.ok(AFTER, { day: "2031-09-26", days: 1 })).workingDaysAfter).toBe("2031-09-29");
  });

  it("refuses a CSV with a bad line, naming the line, and stores nothing", async () => {
    const seq = await lastJournalSeq(server);
    const bad = await server.gql(IMPORT, { input: { csv: "2031-10-01,HOLIDAY,国庆节\n2031-10-02,HOLIDAY,国庆节\n2031-02-30,HOLIDAY,错误\n" } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "csv" });
    expect(bad.errors?.[0]?.message).toContain("line 3");
    const twice = await server.gql(IMPORT, { input: { csv: "2031-10-01,HOLIDAY,a\n2031-10-01,WORKDAY,b" } });
    expect(twice.errors?.[0]?.message).toContain("line 2");
    const kind = await server.gql(IMPORT, { input: { csv: "2031-10-01,HOLIDAYS,a" } });
    expect(kind.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "csv" });
    expect((await server.ok(DAYS, { year: 2031 })).calendarDays).toEqual([]);
    expect(await lastJournalSeq(server)).toBe(seq);
  });

  it("imports holidays and a make-up Saturday, journaled one row per day", async () => {
    const seq = await lastJournalSeq(server);
    const imported = (await server.ok(IMPORT, { input: { csv: CSV, sample: true } })).importCalendar;
    expect(imported).toHaveLength(6);
    expect(imported[1]).toEqual({ day: "2031-10-02", kind: "HOLIDAY", name: "国庆节", workingDay: false, sample: true });
    expect(imported[5]).toEqual({ day: "2031-10-11", kind: "WORKDAY", name: "国庆节调休", workingDay: true, sample: true });
    expect(await lastJournalSeq(server)).toBe(seq + 6);
    expect((await server.ok(DAYS, { year: 2031 })).calendarDays.map((d: { day: string }) => d.day)).toEqual(imported.map((d: { day: string }) => d.day));
  });

  it("counts working days across the holiday and the make-up Saturday", async () => {
    expect((await server.ok(WORKING, { day: "2031-10-06" })).workingDay).toMatchObject({ workingDay: false, kind: "HOLIDAY", name: "国庆节" });
    expect((await server.ok(WORKING, { day: "2031-10-11" })).workingDay).toMatchObject({ workingDay: true, kind: "WORKDAY" });
    // Tue 30 Sep + 1 → Wed 8 Oct (1–7 off); + 3 → Fri 10; + 4 → Sat 11 (调休); + 5 → Mon 13.
    const after = async (days: number) => (await server.ok(AFTER, { day: "2031-09-30", days })).workingDaysAfter;
    expect(await after(1)).toBe("2031-10-08");
    expect(await after(3)).toBe("2031-10-10");
    expect(await after(4)).toBe("2031-10-11");
    expect(await after(5)).toBe("2031-10-13");
  });

  it("takes an entry back with NORMAL", async () => {
    const day = (await server.ok(SET, { input: { day: "2031-10-07", kind: "NORMAL" } })).setCalendarDay;
    expect(day).toMatchObject({ kind: "NORMAL", workingDay: true, sample: false });
    expect((await server.ok(WORKING, { day: "2031-10-07" })).workingDay).toMatchObject({ workingDay: true, kind: null });
    expect((await server.ok(AFTER, { day: "2031-09-30", days: 1 })).workingDaysAfter).toBe("2031-10-07");
  });

  it("refuses bad dates and out-of-range counts with BAD_USER_INPUT", async () => {
    const badDay = await server.gql(WORKING, { day: "2031-13-01" });
    expect(badDay.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const days = await server.gql(AFTER, { day: "2031-09-30", days: 0 });
    expect(days.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "days" });
    const year = await server.gql(DAYS, { year: 1800 });
    expect(year.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
  });
});
