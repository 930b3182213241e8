import { describe, expect, it } from "vitest";
import { parseConfigFile, resolveTopics } from "../src/config/file.js";
import { resolveSettings, splitList } from "../src/config/settings.js";

const today = new Date("2026-11-29T06:00:00Z");

describe("configuration", () => {
  it("turns the inline inputs into one topic with a slug, lists and defaults", () => {
    const [topic] = resolveTopics(
      {
        topic: "Diffusion Models",
        query: 'abs:"diffusion model"',
        categories: "cs.CV, cs.LG",
        keywords: '"text-to-image", video',
        exclude: "survey",
      },
      { path: ".github/arxiv-digest.yml" },
    );
    expect(topic).toEqual({
      name: "Diffusion Models",
      slug: "diffusion-models",
      query: 'abs:"diffusion model"',
      categories: ["cs.CV", "cs.LG"],
      keywords: ['"text-to-image"', "video"],
      exclude: ["survey"],
      maxPapers: 30,
      language: "English",
    });
  });

  it("reads several topics from the config file, with file-level defaults", () => {
    const topics = resolveTopics(
      {},
      {
        path: "topics.yml",
        text: `language: Chinese\nmax-papers: 10\ntopics:\n  - name: Vision\n    categories: [cs.CV]\n  - name: "Robot learning"\n    query: abs:robot\n    language: English\n    max-papers: 5\n`,
      },
    );
    expect(topics.map((topic) => [topic.slug, topic.language, topic.maxPapers])).toEqual([
      ["vision", "Chinese", 10],
      ["robot-learning", "English", 5],
    ]);
  });

  it("names the file, the key and what is allowed when the config file is wrong", () => {
    expect(() =>
      parseConfigFile("topics:\n  - name: X\n    categories: [computer vision]\n", "cfg.yml"),
    ).toThrow("cfg.yml: topics[0].categories[0]: must be arXiv categories such as cs.CV or math.ST");
    expect(() =>
      parseConfigFile("topics:\n  - name: X\n    query: q\n    max_papers: 3\n", "cfg.yml"),
    ).toThrow(/cfg\.yml: topics\[0\]: Unrecognized key: "max_papers"/);
    expect(() => parseConfigFile("topics:\n  - name: X\n", "cfg.yml")).toThrow(
      "cfg.yml: topics[0]: needs a query, categories, or both",
    );
    expect(() => parseConfigFile("topics: [", "cfg.yml")).toThrow(/^cfg\.yml: not valid YAML/);
    expect(() => parseConfigFile("topics:\n  - name: A\n    query: q\n", "cfg.yml")).not.toThrow();
  });

  it("refuses two topics that would write the same file", () => {
    expect(() =>
      resolveTopics(
        {},
        { path: "c.yml", text: "topics:\n  - {name: Vision!, query: a}\n  - {name: vision, query: b}\n" },
      ),
    ).toThrow(/same file name \(vision\)/);
  });

  it("validates settings with messages that name the input", () => {
    expect(resolveSettings({}, today)).toMatchObject({
      date: "2026-11-29",
      mode: "pull-request",
      digestsDir: "digests",
      maxCatchUpDays: 7,
    });
    expect(() => resolveSettings({ date: "2024-02-30" }, today)).toThrow(
      'input date: "2024-02-30" is not a date',
    );
    expect(() => resolveSettings({ mode: "push" }, today)).toThrow(
      'input mode: "push" is not allowed; use one of pull-request, issue, commit, files',
    );
    expect(() => resolveSettings({ "digests-dir": "../outside" }, today)).toThrow(/input digests-dir/);
    expect(() => resolveSettings({ "arxiv-interval-ms": "100" }, today)).toThrow(/at least 3000 ms/);
    expect(
      resolveSettings({ "arxiv-interval-ms": "0", "arxiv-api-url": "http://127.0.0.1:1/api" }, today).arxiv
        .intervalMs,
    ).toBe(0);
  });

  it("gives every topic the interests input unless the topic has its own", () => {
    const text = "topics:\n  - {name: A, query: a}\n  - {name: B, query: b, interests: robot grasping}\n";
    const topics = resolveTopics({ interests: "video diffusion" }, { path: "c.yml", text });
    expect(topics.map((topic) => topic.interests)).toEqual(["video diffusion", "robot grasping"]);
    expect(resolveTopics({}, { path: "c.yml", text })[0]).not.toHaveProperty("interests");
    const [inline] = resolveTopics({ query: "q", interests: "sampling" }, { path: "none.yml" });
    expect(inline?.interests).toBe("sampling");
    expect(() => resolveTopics({ query: "q", interests: "x".repeat(1001) }, { path: "none.yml" })).toThrow(
      /input interests/,
    );
  });

  it("reads the enrichment and ranking inputs, with their defaults and limits", () => {
    expect(resolveSettings({}, today)).toMatchObject({
      html: { enabled: false, baseUrl: "https://arxiv.org/html", maxPages: 30 },
      ranking: { highlightThreshold: 7, minScore: 0 },
    });
    const local = {
      "enrich-html": "true",
      "html-base-url": "http://127.0.0.1:1/html",
      "arxiv-interval-ms": "0",
    };
    expect(resolveSettings({ ...local, "arxiv-api-url": "http://127.0.0.1:1/api" }, today).html.enabled).toBe(
      true,
    );
    expect(() => resolveSettings({ "enrich-html": "yes" }, today)).toThrow(/input enrich-html/);
    expect(() => resolveSettings({ "min-score": "11" }, today)).toThrow(/input min-score/);
    expect(() => resolveSettings({ "highlight-threshold": "0" }, today)).toThrow(/input highlight-threshold/);
    // arXiv's HTML pages are arxiv.org too: the same minimum interval applies once they are fetched.
    expect(() =>
      resolveSettings(
        { "enrich-html": "true", "arxiv-api-url": "http://127.0.0.1:1/api", "arxiv-interval-ms": "0" },
        today,
      ),
    ).toThrow(/at least 3000 ms/);
  });

  it("splits lists on commas but keeps quoted phrases whole", () => {
    expect(splitList('a, "b, c", d')).toEqual(["a", '"b, c"', "d"]);
  });
});
