import { MaxLength } from "class-validator";
import { GraphQLLocalDate } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { CalendarDayKind } from "./calendar.type.js";

@InputType({ description: "Sets or changes one day of the working calendar." })
export class SetCalendarDayInput {
  @Field(() => GraphQLLocalDate, { description: "The day." }) day!: string;
  @Field(() => CalendarDayKind, { description: "HOLIDAY, WORKDAY (调休), or NORMAL to take an entry back." }) kind!: CalendarDayKind;
  @Field(() => String, { defaultValue: "", description: "Name, e.g. 国庆节." }) @MaxLength(40) name: string = "";
}

export const CSV_MAX_LINES = 1000;
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

@InputType({ description: "A calendar as CSV: one `date,kind,name` line per day (kind HOLIDAY/WORKDAY/NORMAL, or 休/班)." })
export class ImportCalendarInput {
  @Field(() => String, { description: "The CSV text; a header line `date,kind,name` is allowed." }) @MaxLength(100_000) csv!: string;
  @Field(() => Boolean, { defaultValue: false, description: "Mark the imported days as sample data." }) sample: boolean = false;
}
