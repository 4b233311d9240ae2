import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { projectPath } from "../db/paths.js";
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLEnumType } from "graphql";
import { enumLabels } from "../schema/labels.js";
import { getSchema, printSdl } from "../server/schema.js";

describe("schema/schema.graphql", () => {
  it("matches the SDL the code builds (run `npm run schema:write` after changing the API)", async () => {
    const committed = await readFile(projectPath("schema/schema.graphql"), "utf8");
    expect(committed).toBe(await printSdl());
  });

  it("keeps the contract's query arguments and mutation names", async () => {
    const schema = await getSchema();
    const queries = schema.getQueryType()!.getFields();
    const args = (name: string) => queries[name]?.args.map((a) => a.name).sort();
    expect(args("units")).toEqual(["after", "filter", "first"]);
    expect(args("unit")).toEqual(["id"]);
    expect(args("people")).toEqual(["after", "filter", "first"]);
    expect(args("findings")).toEqual(["after", "filter", "first", "orderBy"]);
    expect(args("finding")).toEqual(["id"]);
    expect(args("accountabilityActions")).toEqual(["after", "filter", "first"]);
    expect(args("bulletins")).toEqual(["after", "filter", "first"]);
    expect(args("bulletin")).toEqual(["id"]);
    expect(args("board")).toEqual(["unit"]);
    expect(args("journal")).toEqual(["after", "first", "since"]);
    expect(args("node")).toEqual(["id"]);
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(mutations).toEqual(
      expect.arrayContaining([
        "recordFinding",
        "updateFinding",
        "startRectification",
        "addMeasure",
        "completeMeasure",
        "submitRectification",
        "verifyRectification",
        "rejectRectification",
        "withdrawFinding",
        "assignResponsibility",
        "recordAccountabilityAction",
        "publishBulletin",
      ]),
    );
  });

  it("describes every type and field", async () => {
    const schema = await getSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
      const root = type === schema.getQueryType() || type === schema.getMutationType() || type === schema.getSubscriptionType();
      if (!type.description && !root) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has a Chinese and an English word for every value of the enums the dashboard and export show", async () => {
    const schema = await getSchema();
    for (const [name, values] of Object.entries(enumLabels)) {
      const type = schema.getType(name);
      expect(isEnumType(type), name).toBe(true);
      const apiValues = (type as GraphQLEnumType).getValues().map((v) => v.name).sort();
      expect(Object.keys(values).sort(), name).toEqual(apiValues);
      for (const [value, words] of Object.entries(values)) expect(words.zh && words.en, `${name}.${value}`).toBeTruthy();
    }
  });
});
