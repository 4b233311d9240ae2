import { board } from "./board";
import { bulletins } from "./bulletins";
import { common } from "./common";
import { findings } from "./findings";

/** Every message table of the dashboard; a key may appear in one table only. */
export const messages = { ...common, ...board, ...findings, ...bulletins };

export type MessageKey = keyof typeof messages;
