export * from "./enums.js";
export * from "./units.js";
export * from "./people.js";
export * from "./findings.js";
export * from "./accountability.js";
export * from "./bulletins.js";
export * from "./journal.js";
export * from "./auth.js";
