import type { Log, LogText } from "../../src/log.js";

/** A Log that keeps every line, for assertions. */
export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message: LogText) => void lines.push(`info: ${message}`),
    warning: (message: LogText) => void lines.push(`warning: ${message}`),
    group: async <T>(name: LogText, fn: () => Promise<T>) => {
      lines.push(`group: ${name}`);
      return fn();
    },
  };
}
