// GitHub API failures turned into messages a user can act on. The messages carry GitHub's own `message` text but
// never the request (its headers hold the token): errors are rebuilt from scratch, without `cause`.

/** The `permissions:` key a call needs. */
export type Permission = "contents" | "pull-requests" | "issues";

export interface ApiCall {
  /** What was being done, completing "could not …": e.g. "create the pull request". */
  action: string;
  permission: Permission;
  /** Set when the call reads the base branch: a 404 then means the branch is missing. */
  baseBranch?: string;
}

interface ApiFailure {
  status: number;
  message: string;
}

/** Status and GitHub's message (with any validation details) of an Octokit error, or undefined. */
export function apiFailure(error: unknown): ApiFailure | undefined {
  if (
    typeof error !== "object" ||
    error === null ||
    typeof (error as { status?: unknown }).status !== "number"
  ) {
    return undefined;
  }
  const { status, response, message } = error as {
    status: number;
    message?: string;
    response?: { data?: { message?: string; errors?: ({ message?: string } | string)[] } };
  };
  const data = response?.data;
  const details = (data?.errors ?? []).map((entry) =>
    typeof entry === "string" ? entry : (entry.message ?? ""),
  );
  const text = [data?.message ?? message ?? "", ...details].filter(Boolean).join(": ");
  return { status, message: text.slice(0, 500) };
}

/** True when a failure's status and message match, e.g. `isFailure(error, 422, /already exists/)`. */
export function isFailure(error: unknown, status: number, pattern?: RegExp): boolean {
  const failure = apiFailure(error);
  return failure?.status === status && (!pattern || pattern.test(failure.message));
}

export function isServerError(error: unknown): boolean {
  return (apiFailure(error)?.status ?? 0) >= 500;
}

export function explainApiError(error: unknown, call: ApiCall, repository: string): Error {
  const failure = apiFailure(error);
  if (!failure) return error instanceof Error ? error : new Error(String(error));
  const { status, message } = failure;
  const could = `Could not ${call.action} in ${repository}`;
  if (/not permitted to create or approve pull requests/i.test(message)) {
    return new Error(
      `${could}: GitHub Actions is not permitted to create or approve pull requests. Enable it in the repository's ` +
        `Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull ` +
        `requests" (for an organisation, allow it in the organisation's settings first), or pass a personal access ` +
        `token as github-token, or use mode: commit.`,
    );
  }
  if (status === 403 && /resource not accessible by (integration|personal access token)/i.test(message)) {
    return new Error(
      `${could}: the token lacks the permission. Add \`${call.permission}: write\` to the workflow's ` +
        `\`permissions:\` block (${message}).`,
    );
  }
  if (status === 409 && /repository is empty/i.test(message)) {
    return new Error(
      `${repository} is empty: the repository needs at least one commit (e.g. a README) on its default branch ` +
        `before arxiv-digest can publish to it.`,
    );
  }
  if (status === 404 && call.baseBranch) {
    return new Error(
      `Base branch "${call.baseBranch}" does not exist in ${repository} (or the token cannot read it): create the ` +
        `branch or set the base-branch input to an existing one.`,
    );
  }
  if (status === 401)
    return new Error(`${could}: GitHub rejected the token (${message}). Check github-token.`);
  if ((status === 403 || status === 429) && /rate limit/i.test(message)) {
    return new Error(
      `${could}: GitHub's rate limit was still exceeded after waiting (${message}). Try again later.`,
    );
  }
  return new Error(`${could}: GitHub answered ${status}: ${message || "no message"}`);
}

/** Runs one API call, turning a failure into an actionable `Error` (see `explainApiError`). */
export async function explained<T>(repository: string, call: ApiCall, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw explainApiError(error, call, repository);
  }
}
