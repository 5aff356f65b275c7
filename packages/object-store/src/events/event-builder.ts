import type { NotificationRule } from "../config.js";
import type { S3EventMessage, S3EventName } from "./event-types.js";

/** The facts of one object mutation that its notifications report. */
export interface ObjectEventFacts {
  eventName: S3EventName;
  region: string;
  bucket: string;
  key: string;
  /** For ObjectCreated events. */
  size?: number;
  /** Quoted or not; sent unquoted. */
  etag?: string;
  eventTime: Date;
  principalId: string;
  sourceIp: string;
  requestId: string;
  hostId: string;
}

/**
 * The messages a mutation produces: one per notification rule of the bucket that matches its event name
 * and key (as S3 sends one message per matching configuration). Returns serialized JSON, ready for the
 * journal; `sequencer` is assigned inside the catalog transaction.
 */
export function buildEventMessages(
  rules: readonly NotificationRule[],
  facts: ObjectEventFacts,
  sequencer: string,
): string[] {
  return rules
    .map((rule, index) => ({ rule, id: rule.id ?? `notification-${index + 1}` }))
    .filter(({ rule }) => ruleMatches(rule, facts.eventName, facts.key))
    .map(({ id }) => JSON.stringify(eventMessage(facts, id, sequencer)));
}

/** Whether a rule selects this event name (exact or `s3:ObjectCreated:*` style) and key (prefix/suffix). */
export function ruleMatches(rule: NotificationRule, eventName: S3EventName, key: string): boolean {
  const family = eventName.split(":")[0];
  const named = rule.events.some((e) => e === `s3:${eventName}` || e === `s3:${family}:*`);
  return named && key.startsWith(rule.prefix ?? "") && key.endsWith(rule.suffix ?? "");
}

/** An object key encoded as S3 puts it in event messages: form encoding, spaces as "+", "/" kept. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replaceAll("%20", "+").replaceAll("%2F", "/");
}

function eventMessage(facts: ObjectEventFacts, configurationId: string, sequencer: string): S3EventMessage {
  const principal = { principalId: facts.principalId };
  const created = facts.eventName.startsWith("ObjectCreated");
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: facts.region,
        eventTime: facts.eventTime.toISOString(),
        eventName: facts.eventName,
        userIdentity: principal,
        requestParameters: { sourceIPAddress: facts.sourceIp },
        responseElements: { "x-amz-request-id": facts.requestId, "x-amz-id-2": facts.hostId },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId,
          bucket: { name: facts.bucket, ownerIdentity: principal, arn: `arn:aws:s3:::${facts.bucket}` },
          object: {
            key: encodeEventKey(facts.key),
            ...(created && facts.size !== undefined ? { size: facts.size } : {}),
            ...(created && facts.etag !== undefined ? { eTag: facts.etag.replaceAll('"', "") } : {}),
            sequencer,
          },
        },
      },
    ],
  };
}
