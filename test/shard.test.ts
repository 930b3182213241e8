import { describe, expect, it } from "vitest";
import type { TopicConfig } from "../src/config/settings.js";
import { checkParts } from "../src/shard/merge.js";
import type { Part } from "../src/shard/part.js";
import { parseShard, topicsOfShard } from "../src/shard/spec.js";

const topics = ["a", "b", "c", "d", "e"].map(
  (slug): TopicConfig => ({
    name: slug,
    slug,
    categories: ["cs.CV"],
    keywords: [],
    exclude: [],
    maxPapers: 30,
    language: "English",
  }),
);

const part = (index: number, total: number, extra: Partial<Part> = {}): { file: string; part: Part } => ({
  file: `p${index}/shard-${index}-of-${total}.json`,
  part: {
    format: "arxiv-digest-part",
    version: 1,
    shard: { index, total },
    date: "2024-11-17",
    topics: topicsOfShard(topics, { index, total }).map((topic) => topic.slug),
    summarizer: { kind: "extractive" },
    arxivRequests: 0,
    searches: [],
    summaries: [],
    warnings: [],
    ...extra,
  },
});

describe("the shard input", () => {
  it("takes K/N and splits the topics round-robin in config order", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, total: 3 });
    expect(parseShard(" 1 / 1 ".trim())).toEqual({ index: 1, total: 1 });
    expect(parseShard(undefined)).toBeUndefined();
    const shares = [1, 2, 3].map((index) =>
      topicsOfShard(topics, { index, total: 3 }).map((topic) => topic.slug),
    );
    expect(shares).toEqual([["a", "d"], ["b", "e"], ["c"]]);
    expect(topicsOfShard(topics, { index: 7, total: 8 })).toEqual([]);
  });

  it.each(["0/4", "5/4", "2", "2/0", "a/b", "1/999", "-1/4"])("refuses %s naming the input", (raw) => {
    expect(() => parseShard(raw)).toThrow(
      `input shard: "${raw}" is not allowed; use K/N with 1 ≤ K ≤ N ≤ 256`,
    );
  });
});

describe("merging parts", () => {
  it("accepts shards 1..N once each, in any order, and takes their date", () => {
    const { parts, date } = checkParts([part(2, 2), part(1, 2)], topics);
    expect(parts.map((item) => item.shard.index)).toEqual([1, 2]);
    expect(date).toBe("2024-11-17");
  });

  it.each([
    [
      "a shard missing",
      [part(1, 3), part(3, 3)],
      "input merge-parts: shard 2 of 3 missing; did every shard job finish?",
    ],
    ["a shard twice", [part(1, 2), part(1, 2), part(2, 2)], "input merge-parts: shard 1 of 2 is there twice"],
    [
      "two matrices",
      [part(1, 2), part(2, 3)],
      "input merge-parts: p2/shard-2-of-3.json is shard 2 of 3, but p1/shard-1-of-2.json is of 2",
    ],
    [
      "two dates",
      [part(1, 2), part(2, 2, { date: "2024-11-18" })],
      "the shards made digests for different dates (2024-11-17, 2024-11-18)",
    ],
    [
      "another config",
      [part(1, 2, { topics: ["a", "b"] }), part(2, 2)],
      "shard 1 of 2 ran the topics [a, b] but the config gives it [a, c, e]",
    ],
  ])("refuses %s", (_name, found, message) => {
    expect(() => checkParts(found, topics)).toThrow(message);
  });

  it("refuses a date input that differs from the parts' date", () => {
    expect(() => checkParts([part(1, 1)], topics, "2024-11-18")).toThrow(
      "input merge-parts: the shards made digests for 2024-11-17, but the date input is 2024-11-18",
    );
  });
});
