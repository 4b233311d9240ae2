import { board } from "./board";
import { bulletins } from "./bulletins";
import { common } from "./common";
import { findings } from "./findings";
import { inspections } from "./inspections";
import { reports } from "./reports";

/** Every message table of the dashboard; a key may appear in one table only. */
export const messages = { ...common, ...board, ...findings, ...bulletins, ...inspections, ...reports };

export type MessageKey = keyof typeof messages;
