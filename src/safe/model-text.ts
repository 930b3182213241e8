// Model output is untrusted: a prompt-injected abstract can make the model emit links, mentions, HTML or runner
// commands. This strips them before the text reaches any sink; the sinks' own escaping still applies afterwards.
import { INVISIBLE_OR_CONTROL } from "./chars.js";

const MARKDOWN_LINK = /!?\[([^\]]*)\]\([^)]*\)/g;
const SCHEME_URL = /\b(?:https?|ftp|file|javascript|data|vbscript|mailto):\/*[^\s<>"'`)]*/gi;
const WWW_URL = /\bwww\.[^\s<>"'`)]+/gi;
// Bare host names a renderer or reader would follow: `evil.example.com/x`, `github.com/owner/repo`.
const BARE_HOST =
  /\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|ai|dev|app|co|me|xyz|ly|gg|site|info|cn|ru|top|link|page|sh)\b(?:\/[^\s<>"'`)]*)?/gi;
const HTML_TAG = /<\/?[A-Za-z!?][^<>]*>/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const WORKFLOW_COMMAND = /::[A-Za-z][\w-]*(?:\s[^:\n]*)?::/g;
const LOG_GROUP = /##\[/g;
const CROSS_REPO_REFERENCE = /\b[\w.-]+\/[\w.-]+#\d+/g;
const ISSUE_REFERENCE = /(?<![\w&])#+(?=\d)/g;
const GH_REFERENCE = /\bGH-(\d+)/gi;
// A mention needs a non-word character (or nothing) before `@`; `pass@1` and `Recall@10` are not mentions.
const MENTION = /(?<![\w`])@+(?=[A-Za-z0-9])/g;

/** Model text with links, mentions, references, HTML and workflow commands removed; one line, trimmed. */
export function sanitiseModelText(value: string): string {
  // Removing one construct can join the pieces of another (`::<b>x</b>error::`), so repeat until nothing changes.
  let text = value;
  for (let pass = 0; pass < 5; pass++) {
    const next = sanitiseOnce(text);
    if (next === text) break;
    text = next;
  }
  return text;
}

function sanitiseOnce(value: string): string {
  return value
    .replace(INVISIBLE_OR_CONTROL, " ")
    .replace(HTML_COMMENT, " ")
    .replace(MARKDOWN_LINK, "$1")
    .replace(SCHEME_URL, " ")
    .replace(WWW_URL, " ")
    .replace(BARE_HOST, " ")
    .replace(HTML_TAG, " ")
    .replace(WORKFLOW_COMMAND, " ")
    .replace(/:{2,}/g, ":")
    .replace(LOG_GROUP, "[")
    .replace(CROSS_REPO_REFERENCE, " ")
    .replace(ISSUE_REFERENCE, "")
    .replace(GH_REFERENCE, "$1")
    .replace(MENTION, "")
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:!?，。；：！？])/g, "$1")
    .trim();
}
