import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  degeneration,
  judgeAnswer,
  judgeReply,
  type ModelReply,
  THRESHOLDS,
  wrongScript,
} from "../src/summarise/quality.js";
import type { Answer } from "../src/summarise/schema.js";
import {
  compressionRatio,
  duplicateNgramShare,
  longestClause,
  tokens,
} from "../src/summarise/text-metrics.js";
import { realAbstracts } from "./support/abstracts.js";
import { englishAnswer } from "./support/fake-answer.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/llm/${name}`, import.meta.url), "utf8");
const degenerateExcerpt = fixture("degenerate-reference-excerpt.txt");
const degenerateParagraphs = degenerateExcerpt.split(/\n\s*\n/).filter((part) => part.trim() !== "");
const chineseSummaries = fixture("reference-zh-summaries.txt")
  .split(/^=== .*$/m)
  .map((block) => block.trim())
  .filter((block) => block !== "");

function measure(text: string) {
  return {
    ratio: compressionRatio(text),
    duplicate: duplicateNgramShare(tokens(text), THRESHOLDS.duplicateNgram.n),
    clause: longestClause(text),
  };
}

function maxima(texts: string[]) {
  const all = texts.map(measure);
  return {
    ratio: Math.max(...all.map((m) => m.ratio)),
    duplicate: Math.max(...all.map((m) => m.duplicate)),
    clause: Math.max(...all.map((m) => m.clause)),
  };
}

const abstracts = realAbstracts();

describe("quality gate on real text", () => {
  it("finds the fixtures' abstracts", () => {
    expect(abstracts.length).toBeGreaterThanOrEqual(30);
    expect(chineseSummaries).toHaveLength(6);
    expect(degenerateParagraphs).toHaveLength(3);
  });

  it("accepts every real abstract as English prose (zero false positives)", () => {
    const rejected = abstracts.filter((text) => degeneration(text) || wrongScript(text, "English"));
    expect(rejected).toEqual([]);
  });

  it("accepts an answer built from each real abstract", () => {
    const rejected = abstracts
      .map((abstract) => ({
        abstract,
        reason: judgeAnswer(englishAnswer({ title: "t", abstract }), "English"),
      }))
      .filter((result) => result.reason !== undefined);
    expect(rejected).toEqual([]);
  });

  it("accepts the reference digest's well-formed Chinese summaries when Chinese is asked", () => {
    expect(chineseSummaries.filter((text) => degeneration(text) || wrongScript(text, "Chinese"))).toEqual([]);
    expect(chineseSummaries.every((text) => wrongScript(text, "English"))).toBe(true);
  });

  it("rejects each paragraph of the reference digest's degenerate entry, and the whole", () => {
    for (const text of [...degenerateParagraphs, degenerateExcerpt]) expect(degeneration(text)).toBeDefined();
  });

  it("rejects the degenerate passage inside an otherwise valid answer, even within length caps", () => {
    const first = degenerateParagraphs[0] ?? "";
    const answer: Answer = {
      tldr: "提出Cog Attention机制，允许注意力权重为负。",
      takeaways: ["引入负权重。", "提升表达力。", "改善鲁棒性。"],
      problem: "softmax注意力的权重非负。",
      method: first.slice(first.length - 900),
      results: "语言建模与图像生成效果更好。",
      limitations: "",
      keywords: ["注意力"],
    };
    expect(judgeAnswer(answer, "Chinese")).toBe("run-on answer");
  });

  it("keeps a margin between real text and the thresholds (values reported in THRESHOLDS' comment)", () => {
    const real = maxima([...abstracts, ...chineseSummaries]);
    const degenerate = maxima(degenerateParagraphs);
    expect(real.ratio).toBeLessThan(THRESHOLDS.compressionRatio * 0.9);
    expect(real.duplicate).toBeLessThan(THRESHOLDS.duplicateNgram.share * 0.75);
    expect(real.clause).toBeLessThan(THRESHOLDS.longestClause * 0.6);
    expect(degenerate.clause).toBeGreaterThan(THRESHOLDS.longestClause * 1.3);
  });

  it("rejects a decoding loop by compression ratio and by repeated n-grams", () => {
    const loop = "The proposed method improves the baseline. ".repeat(30);
    expect(compressionRatio(loop)).toBeGreaterThan(THRESHOLDS.compressionRatio);
    expect(duplicateNgramShare(tokens(loop), THRESHOLDS.duplicateNgram.n)).toBeGreaterThan(0.9);
    expect(degeneration(loop)).toBe("repetitive answer");
    // A loop of varied wording that compresses less than the ratio threshold still trips the n-gram share.
    const words = abstracts[0]?.split(" ").slice(0, 40).join(" ") ?? "";
    const varied = `${words} ${words} ${words}`;
    expect(duplicateNgramShare(tokens(varied), THRESHOLDS.duplicateNgram.n)).toBeGreaterThan(
      THRESHOLDS.duplicateNgram.share,
    );
    expect(degeneration(varied)).toBe("repetitive answer");
  });
});

describe("judgeReply", () => {
  const valid = JSON.stringify(englishAnswer({ title: "t", abstract: abstracts[0] ?? "" }));

  it("accepts valid JSON, also inside a code fence", () => {
    expect(judgeReply({ content: valid, finishReason: "stop" }, "English").ok).toBe(true);
    expect(judgeReply({ content: `\`\`\`json\n${valid}\n\`\`\``, finishReason: "stop" }, "English").ok).toBe(
      true,
    );
  });

  const longAbstract = abstracts.find((text) => text.length > 600) ?? "";
  it.each<[string, ModelReply, string]>([
    ["finish_reason length", { content: valid, finishReason: "length" }, "truncated answer"],
    ["message.refusal", { content: null, refusal: "I can't help with that." }, "model refused"],
    ["refusal text", { content: "I'm sorry, but I cannot summarise this paper." }, "model refused"],
    ["blank content", { content: "" }, "empty answer"],
    ["broken JSON", { content: "{not json" }, "invalid JSON"],
    ["missing fields", { content: JSON.stringify({ tldr: "x" }) }, "answer did not match the schema"],
    [
      "one takeaway",
      { content: JSON.stringify({ ...JSON.parse(valid), takeaways: ["only one"] }) },
      "answer did not match the schema",
    ],
    [
      "a tldr over its cap",
      { content: JSON.stringify({ ...JSON.parse(valid), tldr: longAbstract.slice(0, 450) }) },
      "answer too long",
    ],
  ])("rejects %s", (_label, reply, reason) => {
    expect(judgeReply(reply, "English")).toEqual({ ok: false, reason });
  });

  it("rejects an English answer when Chinese is asked", () => {
    expect(judgeReply({ content: valid }, "Chinese")).toEqual({
      ok: false,
      reason: "answer in the wrong language",
    });
  });
});
