export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `fn` `times` times; the median time in ms, and the last result. */
export async function timed<T>(
  times: number,
  fn: () => Promise<T>,
): Promise<{ medianMs: number; result: T }> {
  const durations: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < times; run++) {
    const started = performance.now();
    result = await fn();
    durations.push(performance.now() - started);
  }
  return { medianMs: median(durations), result: result as T };
}
