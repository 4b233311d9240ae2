import type { Database } from "./client.js";

export interface SeedSummary {
  units: number;
  people: number;
  findings: number;
}

/** Placeholder until the demo seed lands: seeds nothing. */
export async function seedIfEmpty(_database: Database): Promise<SeedSummary | null> {
  return null;
}
