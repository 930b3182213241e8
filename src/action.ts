import * as core from "@actions/core";
import type { Log, LogText } from "./common/log.js";
import { INPUT_NAMES, SECRET_INPUTS } from "./config/inputs.js";
import { jobSummary } from "./report/job-summary.js";
import { runFromInputs } from "./run.js";
import { messageText, redactSecrets, registerSecret } from "./safe/log.js";

/** The GitHub Action face: inputs from the runner, outputs, job summary, failure. The only file using @actions/core. */
export async function run(): Promise<void> {
  try {
    for (const name of SECRET_INPUTS) {
      const secret = core.getInput(name);
      if (!secret) continue;
      core.setSecret(secret);
      registerSecret(secret);
    }
    const inputs = Object.fromEntries(INPUT_NAMES.map((name) => [name, core.getInput(name)]));
    const result = await runFromInputs(inputs, {
      workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      apiUrl: process.env.GITHUB_API_URL,
      serverUrl: process.env.GITHUB_SERVER_URL,
      repository: process.env.GITHUB_REPOSITORY,
      today: new Date(),
      log: actionLog,
    });
    const { report } = result;
    core.setOutput("papers", String(report.papers));
    core.setOutput("files", JSON.stringify(report.files));
    core.setOutput("branch", report.publish?.branch ?? "");
    core.setOutput("commit-sha", report.publish?.commitSha ?? "");
    core.setOutput("pull-request-number", report.publish?.pullRequest?.number ?? "");
    core.setOutput("pull-request-url", report.publish?.pullRequest?.url ?? "");
    core.setOutput("issue-number", report.publish?.issue?.number ?? "");
    core.setOutput("issue-url", report.publish?.issue?.url ?? "");
    for (const warning of report.warnings) core.warning(messageText(warning));
    if (process.env.GITHUB_STEP_SUMMARY) {
      const extra = { requests: result.requests, repositoryUrl: repositoryUrl() };
      await core.summary.addRaw(redactSecrets(jobSummary(report, extra))).write();
    }
  } catch (error) {
    core.setFailed(messageText(error instanceof Error ? error.message : String(error)));
  }
}

function repositoryUrl(): string | undefined {
  const repository = process.env.GITHUB_REPOSITORY;
  return repository ? `${process.env.GITHUB_SERVER_URL ?? "https://github.com"}/${repository}` : undefined;
}

const actionLog: Log = {
  info: (message: LogText) => core.info(redactSecrets(message)),
  warning: (message: LogText) => core.warning(redactSecrets(message)),
  group: (name, fn) => core.group(redactSecrets(name), fn),
};
