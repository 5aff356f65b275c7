import type { App, Environment } from "aws-cdk-lib";
import type { ServerFunctionCodes } from "./constructs/function-code.js";
import type { ShoeboxSettings } from "./settings.js";
import { ApiStack } from "./stacks/api-stack.js";
import { DataStack } from "./stacks/data-stack.js";
import { WebStack } from "./stacks/web-stack.js";

export interface ShoeboxStacks {
  data: DataStack;
  api: ApiStack;
  web: WebStack;
}

export interface ShoeboxAppOptions {
  settings: ShoeboxSettings;
  code: ServerFunctionCodes;
  webDistDir: string;
  /** Account and region; left out, the stacks are environment-agnostic and synthesize offline. */
  env?: Environment;
}

/**
 * Adds Shoebox's three stacks to `app`, deployed in this order: data (bucket, queue, table, user pool),
 * API (functions, HTTP API, CloudFront, alarms), web (the client's files).
 */
export function addShoeboxStacks(app: App, options: ShoeboxAppOptions): ShoeboxStacks {
  const common = {
    ...(options.env ? { env: options.env } : {}),
    tags: { project: "shoebox" },
  };
  const data = new DataStack(app, "ShoeboxData", {
    ...common,
    description: "Shoebox data: photo bucket, upload events, metadata table, user pool",
    webOrigins: options.settings.webOrigins,
  });
  const api = new ApiStack(app, "ShoeboxApi", {
    ...common,
    description: "Shoebox API: functions, HTTP API, CloudFront, alarms",
    data,
    code: options.code,
    settings: options.settings,
  });
  const web = new WebStack(app, "ShoeboxWeb", {
    ...common,
    description: "Shoebox web client files",
    data,
    api,
    webDistDir: options.webDistDir,
  });
  return { data, api, web };
}
