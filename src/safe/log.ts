import type { LogText } from "../common/log.js";
import { INVISIBLE_OR_CONTROL } from "./chars.js";

const MAX_LOG_VALUE = 300;

/**
 * Makes untrusted text safe for one line of the Actions log: one line, no control or bidi characters, and no
 * `::command::` or `##[command]` sequence the runner would execute.
 */
export function neutraliseLogValue(value: unknown, max = MAX_LOG_VALUE): string {
  const text = redactSecrets(String(value)).replace(INVISIBLE_OR_CONTROL, " ");
  return breakCommands(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** Error messages and warnings are advice to act on: long, unlike a log line's interpolated values. */
const MAX_MESSAGE = 2000;

/** An error message or warning for the log: each line neutralised, secrets blanked, no stack trace. */
export function messageText(message: string): string {
  return message
    .split("\n")
    .map((line) => neutraliseLogValue(line, MAX_MESSAGE))
    .join("\n");
}

const secrets = new Set<string>();

/**
 * Secrets (the token, the API key) blanked from every value before it is cut to length, so no prefix of one can
 * reach the log even where the runner's mask, which matches whole values, would miss it.
 */
export function registerSecret(secret: string): void {
  if (secret.length >= 4) secrets.add(secret);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("***");
  return out;
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
