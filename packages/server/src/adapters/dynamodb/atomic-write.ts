import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

/** One action of an atomic write: a Put, Update, Delete or ConditionCheck, as in `TransactWriteItems`. */
export type WriteAction = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * Some action's condition did not hold, so nothing was written. Internal to the adapters: each repository
 * turns it into what its port promises (`ConflictError`, `NotFoundError`, `undefined`, a retry).
 */
export class ConditionNotMet extends Error {
  override readonly name = "ConditionNotMet";
  constructor(readonly failedActions: readonly number[]) {
    super(`Condition failed on action ${failedActions.join(", ")}`);
  }
}

/** Conflicts clear as soon as the other writer's transaction ends; a few short waits are plenty. */
const MAX_CONFLICT_RETRIES = 8;

/**
 * Writes all `actions` or none. One action goes as a plain request (a transaction costs twice the write
 * units); several go as one `TransactWriteItems`. Throws `ConditionNotMet` naming the actions whose
 * condition failed. A conflict with another transaction in flight on the same items (which DynamoDB
 * refuses rather than queues) is retried after a short, jittered wait; the SDK's idempotency token makes a
 * retried transaction apply at most once.
 */
export async function writeAtomically(
  client: DynamoDBDocumentClient,
  actions: readonly WriteAction[],
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await send(client, actions);
      return;
    } catch (error) {
      const failed = failedConditions(error);
      if (failed !== undefined) throw new ConditionNotMet(failed);
      if (!isTransactionConflict(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      await pause(attempt);
    }
  }
}

async function send(client: DynamoDBDocumentClient, actions: readonly WriteAction[]): Promise<void> {
  const [only] = actions;
  if (actions.length === 1 && only?.Put !== undefined) await client.send(new PutCommand(only.Put));
  else if (actions.length === 1 && only?.Delete !== undefined)
    await client.send(new DeleteCommand(only.Delete));
  else if (actions.length === 1 && only?.Update !== undefined)
    await client.send(new UpdateCommand(only.Update));
  else await client.send(new TransactWriteCommand({ TransactItems: [...actions] }));
}

/** The indexes of the actions whose condition failed, or `undefined` if the error is something else. */
function failedConditions(error: unknown): number[] | undefined {
  const name = errorName(error);
  if (name === "ConditionalCheckFailedException") return [0];
  if (name !== "TransactionCanceledException") return undefined;
  const failed = cancellationCodes(error).flatMap((code, index) =>
    code === "ConditionalCheckFailed" ? [index] : [],
  );
  return failed.length > 0 ? failed : undefined;
}

function isTransactionConflict(error: unknown): boolean {
  const name = errorName(error);
  if (name === "TransactionConflictException") return true;
  return name === "TransactionCanceledException" && cancellationCodes(error).includes("TransactionConflict");
}

function cancellationCodes(error: unknown): (string | undefined)[] {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code);
}

/** Whether a single (non-transactional) write was refused because its condition did not hold. */
export function isConditionalCheckFailure(error: unknown): boolean {
  return errorName(error) === "ConditionalCheckFailedException";
}

/** By name, not `instanceof`: the error classes may come from another copy of the SDK. */
function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function pause(attempt: number): Promise<void> {
  const ms = (5 + Math.random() * 20) * 2 ** Math.min(attempt, 4);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
