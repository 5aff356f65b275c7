import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));

export interface CliRun {
  child: ChildProcess;
  /** Set once the CLI printed that it listens; missing when it exited first. */
  endpoint?: string;
  /** stdout and stderr so far. */
  output: string;
  code?: number | null;
}

/**
 * Runs the `shoebox-s3` CLI from sources on a free port with one bucket and key pair (plus `extraArgs`).
 * Resolves with its endpoint once it listens, or with its output and exit code if it exits first. The
 * child is added to `children`, for the test file to kill at the end.
 */
export function runCli(
  options: {
    dataDir: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
    extraArgs?: string[];
  },
  children: ChildProcess[],
): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    [
      "--conditions=source",
      "--import",
      "tsx",
      CLI,
      "--port",
      "0",
      "--data-dir",
      options.dataDir,
      "--bucket",
      options.bucket,
      "--access-key-id",
      options.accessKeyId,
      "--secret-access-key",
      options.secretAccessKey,
      ...(options.extraArgs ?? []),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  return new Promise((resolve) => {
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, endpoint: match[1]!, output });
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.once("exit", (code) => resolve({ child, output, code }));
  });
}
