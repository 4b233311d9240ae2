import "reflect-metadata";
import { writeFile } from "node:fs/promises";
import { projectPath } from "../db/paths.js";
import { printSdl } from "./schema.js";

/** `npm run schema:write`: regenerates schema/schema.graphql from the code. */
const file = projectPath("schema/schema.graphql");
await writeFile(file, await printSdl());
console.log(`wrote ${file}`);
