// Small helpers shared by the digest's sections.
import type { Paper } from "../common/paper.js";
import { markdownText } from "../safe/markdown.js";

/** GitHub's heading anchors (github-slugger): lowercase, punctuation dropped, spaces to hyphens. */
export function githubAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** A paper's numbered section heading: a closing run of `#` in the title would otherwise end the heading early. */
export function paperHeading(paper: Paper, number: number): string {
  return `## ${number}. ${markdownText(paper.title).replace(/(\s)(#+)$/, "$1\\$2")}`;
}

/** The in-page link target of that heading: GitHub slugs the heading's rendered text, not its source. */
export function paperAnchor(paper: Paper, number: number): string {
  return `#${githubAnchor(renderedText(paperHeading(paper, number).slice(3)))}`;
}

/** What GitHub shows for inline markdown made by `markdownText`: escapes gone, entities decoded (the slug drops
 * emphasis markers and other punctuation itself). */
function renderedText(markdown: string): string {
  return markdown.replace(/\\(.)/g, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
