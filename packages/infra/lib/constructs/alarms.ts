import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface AlarmsProps {
  deadLetterQueue: sqs.IQueue;
  functions: Record<string, lambda.IFunction>;
  /** Where alarms are e-mailed; without it the alarms still show in CloudWatch. */
  email?: string;
}

/**
 * What needs a human: any message in the dead-letter queue (a photo the pipeline gave up on) and any
 * function error.
 */
export class Alarms extends Construct {
  readonly topic?: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    if (props.email) {
      this.topic = new sns.Topic(this, "Topic", { displayName: "Shoebox alarms", enforceSSL: true });
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    }
    this.add(
      new cloudwatch.Alarm(this, "DeadLetters", {
        alarmDescription: "Uploads the pipeline gave up on are waiting in the dead-letter queue",
        metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(
        new cloudwatch.Alarm(this, `${name}Errors`, {
          alarmDescription: `The ${name} function failed`,
          metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
  }

  private add(alarm: cloudwatch.Alarm): void {
    if (this.topic) alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
