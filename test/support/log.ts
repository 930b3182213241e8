import type { Log, LogText } from "../../src/common/log.js";

/** A Log that keeps every line, for assertions. */
export function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message: LogText) => void lines.push(message),
    warning: (message: LogText) => void lines.push(`warning: ${message}`),
    group: async (name, fn) => {
      lines.push(`group: ${name}`);
      return fn();
    },
  };
}
