import { board } from "./board";
import { bulletins } from "./bulletins";
import { common } from "./common";
import { findings } from "./findings";
import { inspections } from "./inspections";
import { plans } from "./plans";
import { reports } from "./reports";
import { reviews } from "./reviews";
import { sampling } from "./sampling";
import { supervision } from "./supervision";

/** Every message table of the dashboard; a key may appear in one table only. */
export const messages = { ...common, ...board, ...findings, ...bulletins, ...inspections, ...reports, ...reviews, ...supervision, ...plans, ...sampling };

export type MessageKey = keyof typeof messages;
