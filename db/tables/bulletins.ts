import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bulletinItemKind, bulletinKind } from "./enums.js";
import { findings } from "./findings.js";
import { people } from "./people.js";
import { units } from "./units.js";

/** 通报 bulletins of the exposure board (曝光台); `number` is per year and set on publishing. */
export const bulletins = pgTable(
  "bulletins",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id").notNull().references(() => units.id),
    unitPath: text("unit_path").notNull(),
    kind: bulletinKind("kind").notNull(),
    title: text("title").notNull(),
    year: integer("year"),
    number: integer("number"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    publishedById: integer("published_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [uniqueIndex("bulletins_year_number_key").on(t.year, t.number), index("bulletins_published_idx").on(t.publishedAt, t.id)],
);

/** What a published item says about a finding, frozen at publishing (unit, department, handler, case, example). */
export interface BulletinItemSnapshot {
  unitName: string;
  departmentName: string | null;
  handlerName: string | null;
  caseRef: string | null;
  title: string;
  description: string;
}

export const bulletinItems = pgTable(
  "bulletin_items",
  {
    id: serial("id").primaryKey(),
    bulletinId: integer("bulletin_id").notNull().references(() => bulletins.id),
    position: integer("position").notNull(),
    kind: bulletinItemKind("kind").notNull(),
    findingId: integer("finding_id").references(() => findings.id),
    text: text("text").notNull(),
    snapshot: jsonb("snapshot").$type<BulletinItemSnapshot>(),
  },
  (t) => [index("bulletin_items_bulletin_idx").on(t.bulletinId, t.position), index("bulletin_items_finding_idx").on(t.findingId)],
);
