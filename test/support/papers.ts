// Paper objects for summariser tests, built around the real abstracts in the fixtures.

import type { Paper } from "../../src/common/paper.js";
import type { TopicConfig } from "../../src/config/settings.js";
import { realAbstracts } from "./abstracts.js";

const abstracts = realAbstracts();

export function testPaper(index: number, overrides: Partial<Paper> = {}): Paper {
  const id = `2411.${String(10000 + index)}`;
  return {
    id,
    version: 1,
    title: `Test paper ${index}`,
    abstract: abstracts[index % abstracts.length] ?? "An abstract.",
    authors: [{ name: "Ada Lovelace", affiliations: [] }],
    categories: ["cs.LG", "cs.CV"],
    primaryCategory: "cs.LG",
    published: "2024-11-15T00:00:00Z",
    updated: "2024-11-15T00:00:00Z",
    links: {
      abs: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}v1`,
      html: `https://arxiv.org/html/${id}v1`,
    },
    codeLinks: [],
    ...overrides,
  };
}

export function testPapers(count: number): Paper[] {
  return Array.from({ length: count }, (_, index) => testPaper(index));
}

/** A topic for tests that need one; every field can be overridden. */
export function testTopic(overrides: Partial<TopicConfig> = {}): TopicConfig {
  return {
    name: "Test topic",
    slug: "test-topic",
    categories: [],
    keywords: [],
    exclude: [],
    maxPapers: 30,
    language: "English",
    ...overrides,
  };
}
