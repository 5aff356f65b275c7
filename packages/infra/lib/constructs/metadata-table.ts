// The server's own description of its single table, so the repositories, their DynamoDB Local tests and
// this construct cannot drift apart. (Relative: the server package exports no subpath for it yet.)
import { tableDefinition } from "@shoebox/server/dynamodb-table";
import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";

export interface MetadataTableProps {
  /** Defaults to RETAIN: photos' records outlive a `cdk destroy`. */
  removalPolicy?: RemovalPolicy;
}

/**
 * Photos, events, attendance and shares in one table: generic keys (`PK`/`SK`), overloaded indexes
 * (`GSInPK`/`GSInSK`), on demand, point-in-time recovery, TTL.
 */
export class MetadataTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: MetadataTableProps = {}) {
    super(scope, id);
    // The name is CloudFormation's to choose; the definition's other fields do not depend on it.
    const layout = tableDefinition("unused");
    const stringKey = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: stringKey(layout.partitionKey.name),
      sortKey: stringKey(layout.sortKey.name),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: layout.timeToLiveAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    for (const index of layout.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey.name),
        sortKey: stringKey(index.sortKey.name),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}
