import { board } from "./board";
import { bulletins } from "./bulletins";
import { common } from "./common";
import { findings } from "./findings";
import { inspections } from "./inspections";

/** Every message table of the dashboard; a key may appear in one table only. */
export const messages = { ...common, ...board, ...findings, ...bulletins, ...inspections };

export type MessageKey = keyof typeof messages;
