import { GraphQLLocalDate } from "graphql-scalars";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { ImportCalendarInput, SetCalendarDayInput } from "./calendar.inputs.js";
import { importCalendar, listCalendarDays, setCalendarDay, workingDay, workingDaysAfter } from "./calendar.service.js";
import { CalendarDay, WorkingDayAnswer } from "./calendar.type.js";

@Resolver(() => CalendarDay)
export class CalendarResolver {
  @Query(() => [CalendarDay], { description: "工作日历: the year's holidays and make-up working days (at most one entry per day)." })
  calendarDays(@Arg("year", () => Int) year: number, @Ctx() ctx: Context) {
    return listCalendarDays(ctx, year);
  }

  @Query(() => WorkingDayAnswer, { description: "Whether a day is a working day (工作日), by the calendar." })
  workingDay(@Arg("day", () => GraphQLLocalDate) day: string, @Ctx() ctx: Context) {
    return workingDay(ctx, day);
  }

  @Query(() => GraphQLLocalDate, { description: "The date `days` working days after `day` (the day itself does not count)." })
  workingDaysAfter(@Arg("day", () => GraphQLLocalDate) day: string, @Arg("days", () => Int) days: number, @Ctx() ctx: Context) {
    return workingDaysAfter(ctx, day, days);
  }

  @Mutation(() => CalendarDay, { description: "ADMIN: sets one day of the working calendar." })
  setCalendarDay(@Arg("input", () => SetCalendarDayInput) input: SetCalendarDayInput, @Ctx() ctx: Context) {
    return setCalendarDay(ctx, input);
  }

  @Mutation(() => [CalendarDay], { description: "ADMIN: imports calendar days from CSV, all lines or none." })
  importCalendar(@Arg("input", () => ImportCalendarInput) input: ImportCalendarInput, @Ctx() ctx: Context) {
    return importCalendar(ctx, input);
  }
}
