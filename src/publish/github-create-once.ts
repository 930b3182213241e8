import { isServerError } from "./github-errors.js";

export interface CreateOnceOptions<T> {
  /** The creating request, sent with plugin-retry off (`request: { retries: 0 }`). */
  create: () => Promise<T>;
  /** Looks for what an earlier attempt may have created although its answer was an error. */
  find: () => Promise<T | undefined>;
  attempts: number;
  /** Milliseconds to wait before attempt `n` (2, 3, …). */
  delayMs: (attempt: number) => number;
}

/**
 * Creates a pull request or an issue at most once. A 5xx does not prove the object was not created (GitHub may
 * have created it and then timed out), so before each new attempt look for it again instead of re-sending the POST
 * blindly as plugin-retry would.
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.create();
    } catch (error) {
      if (!isServerError(error) || attempt >= options.attempts) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.delayMs(attempt + 1)));
    const found = await options.find();
    if (found !== undefined) return found;
  }
}
