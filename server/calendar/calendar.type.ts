import { Field, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import type { CalendarDayRow } from "./calendar.queries.js";

export enum CalendarDayKind {
  HOLIDAY = "HOLIDAY",
  WORKDAY = "WORKDAY",
  NORMAL = "NORMAL",
}
registerEnumType(CalendarDayKind, {
  name: "CalendarDayKind",
  description: "How a calendar entry changes the Monday–Friday rule.",
  valuesConfig: {
    HOLIDAY: { description: "法定节假日: a day off, even on a weekday." },
    WORKDAY: { description: "调休上班: a weekend day that is worked." },
    NORMAL: { description: "No exception: the weekday rule applies (an entry taken back)." },
  },
});

@ObjectType({ description: "工作日历 One exception to the Monday–Friday working week." })
export class CalendarDay {
  @Field(() => GraphQLLocalDate, { description: "The day (Asia/Shanghai calendar date)." }) day!: string;
  @Field(() => CalendarDayKind, { description: "Holiday, make-up working day, or back to normal." }) kind!: CalendarDayKind;
  @Field(() => String, { description: "Its name, e.g. 春节 or 春节调休." }) name!: string;
  @Field(() => Boolean, { description: "Shipped as sample data (not the officially published schedule)." }) sample!: boolean;
  @Field(() => Boolean, { description: "Whether the day is worked, after this entry." }) workingDay!: boolean;

  static from(row: CalendarDayRow, workingDay: boolean): CalendarDay {
    return Object.assign(new CalendarDay(), { day: row.day, kind: row.kind as CalendarDayKind, name: row.name, sample: row.sample, workingDay });
  }
}

@ObjectType({ description: "Whether one date is a working day (工作日) in Asia/Shanghai." })
export class WorkingDayAnswer {
  @Field(() => GraphQLLocalDate, { description: "The day asked about." }) day!: string;
  @Field(() => Boolean, { description: "True when the day is worked." }) workingDay!: boolean;
  @Field(() => CalendarDayKind, { nullable: true, description: "The calendar entry that decided it, if any." }) kind!: CalendarDayKind | null;
  @Field(() => String, { nullable: true, description: "The entry's name, if any." }) name!: string | null;
}
