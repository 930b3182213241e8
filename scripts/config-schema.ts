// `npm run schema`: writes the config file's JSON Schema from the zod schema (a test fails when the file drifts).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { configJsonSchemaText, SCHEMA_PATH } from "../src/config/json-schema.js";
import { projectPath } from "../test/support/project.js";

const target = projectPath(SCHEMA_PATH);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, configJsonSchemaText());
