import { sql } from "drizzle-orm";
import { type AnyPgColumn, index, integer, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { unitCategory, unitKind, unitLevel } from "./enums.js";

/** 单位 units: offices and their departments as one tree; `path` is the materialised path `/1/4/17/`. */
export const units = pgTable(
  "units",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: unitKind("kind").notNull(),
    level: unitLevel("level").notNull(),
    category: unitCategory("category"),
    businessLine: text("business_line"),
    parentId: integer("parent_id").references((): AnyPgColumn => units.id),
    path: text("path").notNull(),
    headId: integer("head_id"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    uniqueIndex("units_code_key").on(t.code),
    index("units_path_idx").using("btree", sql`${t.path} text_pattern_ops`),
    index("units_parent_idx").on(t.parentId),
  ],
);
