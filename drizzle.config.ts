import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/tables and committed; `npm run db:generate` after a table change.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/tables/index.ts",
  out: "./db/migrations",
});
