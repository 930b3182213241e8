// Answers a fake model gives: built from the paper it is sent, in the language it is asked for. Nothing is
// hard-coded per paper, so any abstract works.
import type { Answer } from "../../src/summarise/schema.js";

export interface FakePaper {
  title: string;
  abstract: string;
}

/** The reader's interests, as the words the fake model looks for (four letters or more, lower case). */
export function interestWords(interests: string): string[] {
  return [...new Set(interests.toLowerCase().match(/[a-z]{4,}/g) ?? [])];
}

/**
 * The fake model's relevance rule, the same for any paper: 1 plus 2 for each distinct interest word the abstract
 * holds as a whole word, at most 10.
 */
export function relevanceOf(
  paper: FakePaper,
  interests: string,
): { relevance: number; relevance_reason: string } {
  const found = interestWords(interests).filter((word) =>
    new RegExp(`\\b${word}\\b`, "i").test(paper.abstract),
  );
  return {
    relevance: Math.min(10, 1 + 2 * found.length),
    relevance_reason: found.length
      ? `The abstract mentions ${found.join(", ")}.`
      : "The abstract mentions none of the reader's interests.",
  };
}

/** Sentences of an abstract, each cut to `max` characters at a word boundary. */
export function sentences(text: string, max = 280): string[] {
  const parts = text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [text];
  return parts.map((part) => clip(part.trim(), max)).filter((part) => part.length > 0);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1))}…`;
}

/** The longest distinct words of the abstract, as stand-in keywords. */
export function keywordsOf(text: string, count = 5): string[] {
  const words = [...new Set(text.match(/[A-Za-z][A-Za-z-]{5,}/g) ?? [])];
  return words.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, count);
}

/** An English answer made of the abstract's own sentences, each used once. */
export function englishAnswer(paper: FakePaper): Answer {
  const all = sentences(paper.abstract);
  const keywords = keywordsOf(paper.abstract);
  const last = all.length > 2 ? all.length - 1 : all.length;
  const takeaways = all.slice(2, Math.min(last, 7));
  for (const keyword of keywords) if (takeaways.length < 3) takeaways.push(`The paper concerns ${keyword}.`);
  while (takeaways.length < 3) takeaways.push(`Point ${takeaways.length + 1} of the paper.`);
  return {
    tldr: clip(`This paper studies ${paper.title}.`, 280),
    takeaways,
    problem: all[0] ?? "",
    method: all[1] ?? "",
    results: all.length > 2 ? (all[last] ?? "") : "",
    limitations: "",
    keywords,
  };
}

/** A Chinese answer: fixed Chinese sentences around keywords taken from the paper. */
export function chineseAnswer(paper: FakePaper): Answer {
  const [first = "方法", second = "模型", third = "实验"] = keywordsOf(paper.abstract, 3);
  return {
    tldr: `本文围绕${first}展开研究，提出了一种新的解决思路。`,
    takeaways: [
      `作者首先分析了${first}面临的主要困难。`,
      `论文设计的框架以${second}为核心组成部分。`,
      `在多个公开数据集上，${third}结果优于已有基线。`,
      "该方法的额外计算开销较小，便于实际部署。",
    ],
    problem: `现有工作在${first}方面仍存在明显不足，难以满足应用需求。`,
    method: `作者结合${second}构建了完整的处理流程，并给出了理论分析。`,
    results: `实验表明，该方法在${third}等任务上取得了更好的效果。`,
    limitations: "摘要没有讨论方法在更大规模数据上的表现。",
    keywords: [first, second, third],
    translated_title: `关于${first}的研究`,
  };
}

export function fakeAnswer(paper: FakePaper, language: string): Answer {
  return /chinese|中文/i.test(language) ? chineseAnswer(paper) : englishAnswer(paper);
}
