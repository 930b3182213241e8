import { z } from "zod";
import { configFileSchema } from "./file.js";

/** Where the published schema lives: the README's `yaml-language-server` line points at it on the major tag. */
export const SCHEMA_PATH = "schema/arxiv-digest.schema.json";
export const SCHEMA_URL = `https://raw.githubusercontent.com/arxiv-digest/arxiv-digest/v1/${SCHEMA_PATH}`;

/**
 * The config file's JSON Schema, made from the zod schema the Action validates with (its input side: lists may be
 * a string or an array). Refinements zod cannot express are added by hand below, so editors flag them too.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configFileSchema, { io: "input", target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
  const properties = schema.properties as { topics: { items: Record<string, unknown> } };
  properties.topics.items.anyOf = [{ required: ["query"] }, { required: ["categories"] }];
  return { $schema: schema.$schema, $id: SCHEMA_URL, title: "arxiv-digest config", ...schema };
}

/** The schema file's text, as `npm run schema` writes it. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
