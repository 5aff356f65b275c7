import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import type { FunctionCode } from "./function-code.js";
import { ShoeboxFunction } from "./shoebox-function.js";

export interface ReconcilerProps {
  code: FunctionCode;
  environment: Record<string, string>;
  logRetentionDays: number;
  /** How often the sweep runs. */
  every?: Duration;
}

/** The scheduled sweep that expires pending photos whose upload never arrived. */
export class Reconciler extends Construct {
  readonly function: lambda.Function;
  readonly schedule: events.Rule;

  constructor(scope: Construct, id: string, props: ReconcilerProps) {
    super(scope, id);
    this.function = new ShoeboxFunction(this, "Handler", {
      code: props.code,
      description: "Shoebox reconciler: expires pending uploads that never arrived",
      memorySize: 512,
      timeout: Duration.minutes(5),
      environment: props.environment,
      logRetentionDays: props.logRetentionDays,
    }).function;
    this.schedule = new events.Rule(this, "Schedule", {
      description: "Runs the Shoebox reconciler",
      schedule: events.Schedule.rate(props.every ?? Duration.minutes(15)),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }
}
