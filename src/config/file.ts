// The config file (`.github/arxiv-digest.yml`) and the inline topic inputs: the zod schema every topic is checked
// against (the published JSON Schema is made from it), and errors that name the file, the key and what is allowed.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isCategory } from "../fetch/query.js";
import { slugify } from "../safe/path.js";
import {
  ConfigError,
  DEFAULTS,
  type Inputs,
  positiveInt,
  splitList,
  type TopicConfig,
  value,
} from "./settings.js";

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : splitList(value)).map((item) => item.trim()).filter(Boolean),
  );

const categoryList = list.pipe(
  z.array(z.string().refine(isCategory, { message: "must be arXiv categories such as cs.CV or math.ST" })),
);

const language = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe("Language of the summaries, e.g. English or Chinese.");

const maxPapers = z
  .number()
  .int()
  .min(1)
  .max(1000)
  .describe("Most papers summarised per run; further matches are listed by title, never dropped silently.");

/** One topic in the config file. Keys are the same kebab-case names as the Action inputs. */
export const topicSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "must be a non-empty name")
      .max(100)
      .describe("Name of the topic, shown in the digest; its slug is the digest's file name."),
    query: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .describe('arXiv search query in the API syntax, e.g. abs:"diffusion model" AND cat:cs.CV.'),
    categories: categoryList.optional().describe('arXiv categories, e.g. [cs.CV, cs.LG] or "cs.CV, cs.LG".'),
    keywords: list
      .optional()
      .describe(
        "Words or phrases; a paper is kept only when its title or abstract holds one (case-insensitive). A list or a comma-separated string.",
      ),
    exclude: list
      .optional()
      .describe(
        "Words or phrases; a paper whose title or abstract holds one is left out. A list or a comma-separated string.",
      ),
    "max-papers": maxPapers.optional(),
    language: language.optional(),
    interests: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        "What you read for, in your own words: with a model, papers are scored 1-10 against it and sorted. Overrides the `interests` input.",
      ),
  })
  .strict()
  .refine((topic) => topic.query || topic.categories?.length, {
    message: "needs a query, categories, or both",
  })
  .describe("A topic: a query, categories or both, optionally narrowed by keywords and exclusions.");

/** The config file (`.github/arxiv-digest.yml`). Top-level `language` and `max-papers` are defaults for every topic. */
export const configFileSchema = z
  .object({
    language: language.optional().describe("Default language of the summaries for every topic."),
    "max-papers": maxPapers.optional().describe("Default cap on papers per topic and run."),
    topics: z
      .array(topicSchema)
      .min(1, "must list at least one topic")
      .max(50)
      .describe("The topics, in order: a paper matching several appears under the first."),
  })
  .strict()
  .describe("arxiv-digest config file (.github/arxiv-digest.yml).");

export type ConfigFile = z.infer<typeof configFileSchema>;

/** Parses and validates the config file's text; errors name the file, the key and what is allowed. */
export function parseConfigFile(text: string, file: string): ConfigFile {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 50 });
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const result = configFileSchema.safeParse(data);
  if (!result.success) throw new ConfigError(describeIssues(file, result.error));
  return result.data;
}

export function describeIssues(file: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const key = issue.path
      .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
      .join("");
    return `${file}: ${key.replace(/^\./, "") || "(top level)"}: ${issue.message}`;
  });
  return lines.join("\n");
}

function topicFrom(
  raw: z.infer<typeof topicSchema>,
  defaults: { language: string; maxPapers: number; interests?: string },
): TopicConfig {
  const interests = raw.interests ?? defaults.interests;
  return {
    ...(interests ? { interests } : {}),
    name: raw.name,
    slug: slugify(raw.name),
    query: raw.query,
    categories: raw.categories ?? [],
    keywords: raw.keywords ?? [],
    exclude: raw.exclude ?? [],
    maxPapers: raw["max-papers"] ?? defaults.maxPapers,
    language: raw.language ?? defaults.language,
  };
}

/** Topics from the config file, or the single inline topic from the inputs. */
export function resolveTopics(inputs: Inputs, file: { path: string; text?: string }): TopicConfig[] {
  const defaults = {
    language: value(inputs, "language") ?? DEFAULTS.language,
    maxPapers: positiveInt(inputs, "max-papers", DEFAULTS.maxPapers, 1000),
    interests: interestsInput(inputs),
  };
  const inline = value(inputs, "query") ?? value(inputs, "categories");
  if (file.text !== undefined && !inline) {
    const parsed = parseConfigFile(file.text, file.path);
    const fileDefaults = {
      ...defaults,
      language: parsed.language ?? defaults.language,
      maxPapers: parsed["max-papers"] ?? defaults.maxPapers,
    };
    const topics = parsed.topics.map((topic) => topicFrom(topic, fileDefaults));
    assertUniqueSlugs(topics, file.path);
    return topics;
  }
  if (!inline) {
    throw new ConfigError(
      `No topics: set the \`query\` or \`categories\` input, or create ${file.path} with a \`topics:\` list (see the README).`,
    );
  }
  const result = topicSchema.safeParse({
    name: value(inputs, "topic") ?? value(inputs, "query") ?? value(inputs, "categories"),
    query: value(inputs, "query"),
    categories: value(inputs, "categories"),
    keywords: value(inputs, "keywords"),
    exclude: value(inputs, "exclude"),
    interests: value(inputs, "interests"),
  });
  if (!result.success)
    throw new ConfigError(describeIssues("inputs", result.error).replace(/^inputs: /gm, "input "));
  return [topicFrom(result.data, defaults)];
}

function interestsInput(inputs: Inputs): string | undefined {
  const interests = value(inputs, "interests");
  if (interests && interests.length > 1000)
    throw new ConfigError(
      "input interests: at most 1000 characters, please: a few lines on what you read for",
    );
  return interests;
}

function assertUniqueSlugs(topics: TopicConfig[], file: string): void {
  const seen = new Map<string, string>();
  for (const topic of topics) {
    const other = seen.get(topic.slug);
    if (other) {
      throw new ConfigError(
        `${file}: topics "${other}" and "${topic.name}" have the same file name (${topic.slug}); rename one.`,
      );
    }
    seen.set(topic.slug, topic.name);
  }
}
