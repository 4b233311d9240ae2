import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Person } from "../people/person.type.js";

export enum VetoStatus {
  VETOED = "VETOED",
  AT_RISK = "AT_RISK",
  WATCH = "WATCH",
}
registerEnumType(VetoStatus, {
  name: "VetoStatus",
  description: "Where a prosecutor stands against the appraisal veto (一票否决) this year.",
  valuesConfig: {
    VETOED: { description: "已否决: one UNQUALIFIED review, or three FLAW reviews" },
    AT_RISK: { description: "临界: two FLAW reviews and no UNQUALIFIED; one more FLAW vetoes" },
    WATCH: { description: "关注: one FLAW review" },
  },
});

@ObjectType({ description: "One prosecutor on the veto watch: their FLAW and UNQUALIFIED reviews in the year." })
export class VetoWatchRow {
  prosecutorRowId!: number;
  @Field(() => Person, { description: "The prosecutor (承办检察官)." }) prosecutor!: Person;
  @Field(() => Int, { description: "UNQUALIFIED (不合格) reviews in the year." }) unqualified!: number;
  @Field(() => Int, { description: "FLAW (瑕疵) reviews in the year." }) flaw!: number;
  @Field(() => VetoStatus, { description: "VETOED, AT_RISK or WATCH." }) status!: VetoStatus;
}

@ObjectType({ description: "一票否决 veto watch: prosecutors with a FLAW or UNQUALIFIED case review in a year, at or near the veto line." })
export class VetoWatch {
  @Field(() => Int, { description: "Calendar year (Asia/Shanghai) of the reviews counted." }) year!: number;
  @Field(() => [VetoWatchRow], { description: "VETOED first, then AT_RISK, then WATCH; by name within each." }) rows!: VetoWatchRow[];
  @Field(() => Int, { description: "Prosecutors vetoed (已否决)." }) vetoed!: number;
  @Field(() => Int, { description: "Prosecutors one FLAW from the veto (临界)." }) atRisk!: number;
  @Field(() => Int, { description: "Prosecutors with a single FLAW (关注)." }) watch!: number;
}
