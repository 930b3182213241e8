import type { LogText } from "../log.js";

// C0/C1 controls (U+0085 among them), line and paragraph separators, bidi controls and zero-width marks.
const UNSAFE_CHARS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/gu;
const MAX_LOG_VALUE = 300;

/**
 * Makes untrusted text safe for one line of the Actions log: one line, no control or bidi characters, and no
 * `::command::` or `##[command]` sequence the runner would execute.
 */
export function neutraliseLogValue(value: unknown, max = MAX_LOG_VALUE): string {
  const text = String(value).replace(UNSAFE_CHARS, " ");
  return breakCommands(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** `::` and `##[` with a zero-width space inside: the runner reads neither as a command. */
function breakCommands(text: string): string {
  return text.replace(/::/g, ":\u200b:").replace(/##\[/g, "#\u200b#[");
}

/**
 * Template tag: the literal parts are code, every interpolated value is neutralised. The joined line is checked
 * again, since a value ending in `:` or `#` next to a literal (or another value) could complete a command.
 */
export function logText(strings: TemplateStringsArray, ...values: unknown[]): LogText {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += neutraliseLogValue(value) + (strings[index + 1] ?? "");
  });
  return breakCommands(out) as LogText;
}
