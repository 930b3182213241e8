// Measures used by the quality gate to spot degenerate model output. Pure functions over plain text.
import { deflateSync } from "node:zlib";

/** Whisper's measure: UTF-8 bytes over zlib-compressed bytes. Looping text compresses far better than prose. */
export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length === 0) return 0;
  return bytes.length / deflateSync(bytes).length;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Words for Latin-like scripts, single characters for CJK (which has no spaces): the tokens the n-gram measures
 * count. Punctuation and digits-only tokens are dropped.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu)) {
    const word = match[0];
    if (CJK.test(word)) {
      for (const char of word) if (/[\p{L}\p{N}]/u.test(char)) out.push(char);
    } else if (/\p{L}/u.test(word)) {
      out.push(word);
    }
  }
  return out;
}

/**
 * Gopher's "duplicate n-gram character fraction": the share of token characters that sit inside an n-gram which
 * occurs more than once. Overlapping duplicate n-grams count their characters once.
 */
export function duplicateNgramShare(words: string[], n: number): number {
  if (words.length < n) return 0;
  const counts = new Map<string, number>();
  const keys: string[] = [];
  for (let i = 0; i + n <= words.length; i++) {
    const key = words.slice(i, i + n).join("\u0001");
    keys.push(key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const covered = new Array<boolean>(words.length).fill(false);
  keys.forEach((key, i) => {
    if ((counts.get(key) ?? 0) > 1) covered.fill(true, i, i + n);
  });
  let total = 0;
  let duplicated = 0;
  words.forEach((word, i) => {
    total += word.length;
    if (covered[i]) duplicated += word.length;
  });
  return total === 0 ? 0 : duplicated / total;
}

export type Script = "latin" | "han" | "japanese" | "hangul" | "cyrillic" | "arabic" | "greek";

const SCRIPT_PATTERNS: Record<Script, RegExp> = {
  latin: /\p{Script=Latin}/u,
  han: /\p{Script=Han}/u,
  japanese: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  hangul: /[\p{Script=Hangul}\p{Script=Han}]/u,
  cyrillic: /\p{Script=Cyrillic}/u,
  arabic: /\p{Script=Arabic}/u,
  greek: /\p{Script=Greek}/u,
};

/**
 * Share of the text's letter units written in `script`. A CJK character counts as one unit and so does a whole
 * word of another script: "基于Transformer的模型" is 6 Han units out of 7, as a reader would weigh it.
 */
export function scriptShare(text: string, script: Script): number {
  const pattern = SCRIPT_PATTERNS[script];
  let total = 0;
  let matching = 0;
  for (const match of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    for (const unit of splitUnits(match[0])) {
      total += 1;
      if (pattern.test(unit)) matching += 1;
    }
  }
  return total === 0 ? 1 : matching / total;
}

function splitUnits(word: string): string[] {
  return (
    word.match(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu,
    ) ?? []
  );
}

const CLAUSE_BREAK = /[.!?;,:()[\]{}"“”。！？；，：、（）【】《》「」…—\n]|\s-\s/u;

/** The most tokens between two punctuation marks. Degenerate output rambles for hundreds of tokens without one. */
export function longestClause(text: string): number {
  return Math.max(0, ...text.split(CLAUSE_BREAK).map((clause) => tokens(clause).length));
}
