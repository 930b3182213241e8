// The model's answer: its zod schema (validation) and the strict JSON Schema sent as structured output.
import { z } from "zod";

export const SCHEMA_NAME = "paper_summary";

/** Limits the quality gate enforces. Kept out of the wire schema: not every provider accepts length keywords. */
export const LIMITS = {
  takeaways: { min: 3, max: 7 },
  keywords: { min: 1, max: 10 },
  chars: {
    tldr: 400,
    takeaway: 300,
    section: 1000,
    keyword: 60,
    translatedTitle: 300,
    relevanceReason: 300,
  },
  relevance: { min: 1, max: 10 },
} as const;

/** What the answer holds beyond the summary: a relevance score only when the reader gave interests. */
export interface AnswerOptions {
  relevance?: boolean;
}

export function isEnglish(language: string): boolean {
  return /^\s*(english|en)(\b|[-_])/i.test(language);
}

/**
 * The answer's shape for `language`; a translated title is asked for only when the digest is not in English, a
 * relevance score only with interests (so requests without interests are exactly as before).
 */
export function answerSchema(language: string, options: AnswerOptions = {}) {
  // Built once per language and options, not per answer: every paper of a topic shares them.
  const key = cacheKey(language, options);
  let schema = answerSchemas.get(key);
  if (!schema) {
    schema = buildAnswerSchema(language, options);
    answerSchemas.set(key, schema);
  }
  return schema;
}

function cacheKey(language: string, options: AnswerOptions): string {
  return `${language}\u0000${options.relevance === true}`;
}

const answerSchemas = new Map<string, ReturnType<typeof buildAnswerSchema>>();

function buildAnswerSchema(language: string, options: AnswerOptions) {
  const schema = summarySchema(language);
  if (!options.relevance) return schema;
  return schema.extend({
    // The 1–10 range is checked when reading the answer: not every provider accepts `minimum`/`maximum`.
    relevance: z
      .number()
      .describe(
        `How well the paper matches the reader's interests, a whole number from ${LIMITS.relevance.min} (unrelated) to ${LIMITS.relevance.max} (exactly what they look for).`,
      ),
    relevance_reason: z.string().describe(`One short sentence in ${language}: why that score.`),
  });
}

function summarySchema(language: string) {
  const base = z.object({
    tldr: z.string().describe(`One sentence: what the paper does and finds, in ${language}.`),
    takeaways: z
      .array(z.string())
      .describe(`${LIMITS.takeaways.min} to ${LIMITS.takeaways.max} key takeaways, one short sentence each.`),
    problem: z.string().describe("The problem addressed and why it matters, as the abstract states it."),
    method: z.string().describe("The approach, as the abstract describes it."),
    results: z.string().describe("The reported results; numbers only as the abstract gives them."),
    limitations: z.string().describe("Limitations the abstract states or implies; empty string if none."),
    keywords: z.array(z.string()).describe("3 to 8 technical keywords."),
  });
  if (isEnglish(language)) return base;
  return base.extend({
    // Optional when validating (a missing translation is not worth a retry); strictJsonSchema still requires it.
    translated_title: z.string().optional().describe(`The paper's title translated into ${language}.`),
  });
}

export type Answer = z.infer<ReturnType<typeof summarySchema>> & {
  translated_title?: string | undefined;
  relevance?: number | undefined;
  relevance_reason?: string | undefined;
};

type JsonSchema = { [key: string]: unknown };

/** JSON Schema for `response_format: json_schema` with `strict: true`: every property required, no extras. */
export function strictJsonSchema(language: string, options: AnswerOptions = {}): JsonSchema {
  const key = cacheKey(language, options);
  let strict = strictSchemas.get(key);
  if (!strict) {
    const schema = z.toJSONSchema(answerSchema(language, options)) as JsonSchema;
    delete schema.$schema;
    strict = makeStrict(schema);
    strictSchemas.set(key, strict);
  }
  return strict;
}

const strictSchemas = new Map<string, JsonSchema>();

function makeStrict(node: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...node };
  if (out.type === "object" && isRecord(out.properties)) {
    const properties: JsonSchema = {};
    for (const [key, value] of Object.entries(out.properties)) {
      properties[key] = isRecord(value) ? makeStrict(value) : value;
    }
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  if (isRecord(out.items)) out.items = makeStrict(out.items);
  return out;
}

function isRecord(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A filled-in example for providers without structured output (json_object mode must show one). */
export function exampleAnswer(language: string, options: AnswerOptions = {}): Record<string, unknown> {
  const example: Record<string, unknown> = {
    tldr: `<one sentence in ${language}>`,
    takeaways: [`<takeaway 1 in ${language}>`, `<takeaway 2>`, `<takeaway 3>`],
    problem: "<problem>",
    method: "<method>",
    results: "<results>",
    limitations: "<limitations, or empty string>",
    keywords: ["<keyword>", "<keyword>", "<keyword>"],
  };
  if (!isEnglish(language)) example.translated_title = `<title in ${language}>`;
  if (options.relevance) {
    example.relevance = 5;
    example.relevance_reason = `<one sentence in ${language}>`;
  }
  return example;
}
