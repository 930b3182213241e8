import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfigFile } from "../src/config/file.js";
import { configJsonSchemaText, SCHEMA_PATH, SCHEMA_URL } from "../src/config/json-schema.js";
import { validateJsonSchema } from "./support/json-schema.js";
import { projectPath } from "./support/project.js";

const committed = readFileSync(projectPath(SCHEMA_PATH), "utf8");
const schema = JSON.parse(committed) as Record<string, unknown>;
const readme = readFileSync(projectPath("README.md"), "utf8");
const FILE = ".github/arxiv-digest.yml";

/** Every ```yaml block of the README that is a config file (it has `topics:` at the top level). */
function readmeConfigs(): string[] {
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => match[1] as string)
    .filter((block) => /^topics:/m.test(block));
}

describe("the config file's JSON Schema", () => {
  it("is committed exactly as npm run schema writes it from the zod schema", () => {
    expect(committed).toBe(configJsonSchemaText());
  });

  it("describes every key, so editors can show help for it", () => {
    const { topics } = schema.properties as { topics: { items: { properties: object } } };
    const topic = topics.items;
    const keys = { ...(schema.properties as object), ...topic.properties } as Record<
      string,
      { description?: string }
    >;
    expect(Object.keys(keys).sort()).toEqual(
      [
        "categories",
        "exclude",
        "interests",
        "keywords",
        "language",
        "max-papers",
        "name",
        "query",
        "topics",
      ].sort(),
    );
    for (const [key, property] of Object.entries(keys))
      expect([key, property.description]).toEqual([key, expect.stringMatching(/\w{3}/)]);
  });

  it("is what the README's config examples point editors at", () => {
    const configs = readmeConfigs();
    expect(configs.length).toBeGreaterThanOrEqual(3);
    for (const config of configs)
      expect(config.split("\n")[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    expect(readme).toContain("uses: arxiv-digest/arxiv-digest@v1");
  });
});

describe("the README's config examples", () => {
  it.each(readmeConfigs().map((text, index) => [index + 1, text]))(
    "example %i is accepted by the JSON Schema and by the Action",
    (_index, text) => {
      expect(validateJsonSchema(schema, parse(text as string))).toEqual([]);
      expect(() => parseConfigFile(text as string, FILE)).not.toThrow();
    },
  );

  it("include several topics, keywords, exclusions and Chinese summaries", () => {
    const configs = readmeConfigs().map((text) => parseConfigFile(text, FILE));
    expect(configs.some((config) => config.topics.length > 1)).toBe(true);
    expect(
      configs.some((config) =>
        config.topics.some((topic) => topic.keywords?.length && topic.exclude?.length),
      ),
    ).toBe(true);
    expect(configs.some((config) => config.language === "Chinese")).toBe(true);
  });
});

describe("a wrong config file", () => {
  const cases: [string, string, string][] = [
    [
      "a number as text",
      "topics:\n  - name: Vision\n    categories: [cs.CV]\n    max-papers: many\n",
      `${FILE}: topics[0].max-papers: Invalid input: expected number, received string`,
    ],
    [
      "a misspelt key",
      "topics:\n  - name: Vision\n    categories: [cs.CV]\n    max_papers: 3\n",
      `${FILE}: topics[0]: Unrecognized key: "max_papers"`,
    ],
    [
      "a topic with neither query nor categories",
      "topics:\n  - name: Vision\n    keywords: [video]\n",
      `${FILE}: topics[0]: needs a query, categories, or both`,
    ],
    [
      "no topics",
      "language: Chinese\n",
      `${FILE}: topics: Invalid input: expected array, received undefined`,
    ],
    [
      "a cap out of range",
      "max-papers: 0\ntopics:\n  - name: Vision\n    query: abs:video\n",
      `${FILE}: max-papers: Too small: expected number to be >=1`,
    ],
  ];

  it("is reported in the README with the exact message the Action gives", () => {
    expect(readme).toContain(`\`${cases[0]?.[2]}\``);
  });

  it.each(cases)(
    "is rejected by the JSON Schema and by the Action, with the Action's message: %s",
    (_name, text, message) => {
      expect(validateJsonSchema(schema, parse(text))).not.toEqual([]);
      expect(() => parseConfigFile(text, FILE)).toThrow(message);
      try {
        parseConfigFile(text, FILE);
      } catch (error) {
        expect((error as Error).message).toBe(message);
      }
    },
  );
});
