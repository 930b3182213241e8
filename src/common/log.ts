/**
 * The pipeline's view of a log. Messages are `LogText`, which only the `safe/log` template tag makes, so untrusted
 * text (titles, abstracts, model output, error bodies) cannot reach the log without being neutralised.
 */
declare const safeLogText: unique symbol;
export type LogText = string & { readonly [safeLogText]: true };

export interface Log {
  info(message: LogText): void;
  warning(message: LogText): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: LogText, fn: () => Promise<T>): Promise<T>;
}
