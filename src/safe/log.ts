import type { LogText } from "../log.js";

// C0/C1 controls (U+0085 among them), line and paragraph separators, bidi controls and zero-width marks.
const UNSAFE_CHARS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/gu;
const MAX_LOG_VALUE = 300;

/**
 * Makes untrusted text safe for one line of the Actions log: one line, no control or bidi characters, and no
 * `::command::` or `##[command]` sequence the runner would execute.
 */
export function neutraliseLogValue(value: unknown): string {
  let text = String(value).replace(UNSAFE_CHARS, " ");
  text = text.replace(/::/g, ":\u200b:").replace(/##\[/g, "#\u200b#[");
  if (text.length > MAX_LOG_VALUE) text = `${text.slice(0, MAX_LOG_VALUE)}…`;
  return text;
}

/** Template tag: the literal parts are code, every interpolated value is neutralised. */
export function logText(strings: TemplateStringsArray, ...values: unknown[]): LogText {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += neutraliseLogValue(value) + (strings[index + 1] ?? "");
  });
  return out as LogText;
}
