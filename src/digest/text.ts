// Small helpers shared by the digest's sections.
import type { Paper } from "../paper.js";

/** GitHub's heading anchors (github-slugger): lowercase, punctuation dropped, spaces to hyphens. */
export function githubAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The in-page link target of a paper's numbered section heading. */
export function paperAnchor(paper: Paper, number: number): string {
  return `#${githubAnchor(`${number}. ${paper.title}`)}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
