import type { Paper, Summary } from "../common/paper.js";

const CONTRIBUTION =
  /\b(we (propose|introduce|present|develop|design|show|demonstrate|find|study)|this (paper|work|study)|in this (paper|work))\b/i;
const RESULT =
  /\b(outperform\w*|achiev\w*|state[- ]of[- ]the[- ]art|improv\w*|experiments?|results?|demonstrat\w*|significant\w*|\d+(\.\d+)?\s?(%|x|×))/i;
const ABBREVIATIONS = /\b(e\.g|i\.e|et al|etc|vs|Fig|Figs|Eq|Eqs|Sec|No|cf|approx|resp)\.$/i;

/** Splits an abstract into sentences without breaking on "e.g.", "et al.", decimals or inline math. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let inMath = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    current += char;
    if (char === "$" && text[index - 1] !== "\\") inMath = !inMath;
    if (inMath || !/[.!?]/.test(char)) continue;
    const next = text.slice(index + 1);
    if (!/^\s+[A-Z0-9"'(\\$]/.test(next) && next.length) continue;
    if (ABBREVIATIONS.test(current.trim())) continue;
    out.push(current.trim());
    current = "";
  }
  if (current.trim()) out.push(current.trim());
  return out.filter((sentence) => sentence.length > 1);
}

/**
 * A summary made without a model: the sentence that states the contribution as TL;DR, then up to four sentences
 * about method and results, in the abstract's order. Every word is the authors' own.
 */
export function extractiveSummary(paper: Paper): Summary {
  const all = sentences(paper.abstract);
  const tldr = all.find((sentence) => CONTRIBUTION.test(sentence)) ?? all[0] ?? paper.title;
  const rest = all.filter((sentence) => sentence !== tldr);
  const scored = rest.map((sentence, index) => ({ sentence, index, score: score(sentence) }));
  const takeaways = scored
    .filter((item) => item.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 4)
    .sort((a, b) => a.index - b.index)
    .map((item) =>
      item.sentence.replace(/^\(?\d+\)\s*|^(First|Second|Third|Finally|Moreover|Additionally),\s*/i, ""),
    )
    .map((sentence) => sentence.charAt(0).toUpperCase() + sentence.slice(1));
  return { kind: "extractive", tldr, takeaways };
}

function score(sentence: string): number {
  let value = 0;
  if (RESULT.test(sentence)) value += 2;
  if (CONTRIBUTION.test(sentence)) value += 1;
  if (/\b(first|second|third|finally|moreover|additionally)\b/i.test(sentence)) value += 1;
  if (sentence.length < 40) value -= 1;
  return value;
}
