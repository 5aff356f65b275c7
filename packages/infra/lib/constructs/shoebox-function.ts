import { type Duration, RemovalPolicy } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as nodejs from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { type FunctionCode, installedVersion, repositoryRoot } from "./function-code.js";

export interface ShoeboxFunctionProps {
  code: FunctionCode;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  logRetentionDays: number;
}

/**
 * The Lambda runtime of every function: Node.js 24, the Active LTS (supported by Lambda until 2028, a year
 * longer than nodejs22.x), the Node the bundles' cold start is measured on (`npm run bench -w packages/infra`).
 * Why 24 and not 22: packages/infra/README.md.
 */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** esbuild's `target` for a Lambda runtime (`nodejs24.x` → `node24`): the bundles use what it offers. */
export function esbuildTargetOf(runtime: lambda.Runtime): string {
  const major = /^nodejs(\d+)\.x$/.exec(runtime.name)?.[1];
  if (!major) throw new Error(`Not a Node.js Lambda runtime: ${runtime.name}`);
  return `node${major}`;
}

/**
 * One Shoebox Lambda function with the settings every one of them shares: {@link LAMBDA_RUNTIME}, x86_64 (the `sharp`
 * binaries installed for it), active X-Ray tracing, JSON logs in a log group with a retention.
 */
export class ShoeboxFunction extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: ShoeboxFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, "Logs", {
      retention: retentionOf(props.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const common = {
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.X86_64,
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      environment: { NODE_OPTIONS: "--enable-source-maps", ...props.environment },
    };
    const code = props.code;
    this.function =
      code.kind === "ready"
        ? new lambda.Function(this, "Function", { ...common, code: code.code, handler: code.handler })
        : new nodejs.NodejsFunction(this, "Function", { ...common, ...bundledCode(code) });
  }
}

const ESM_REQUIRE_SHIM =
  "import { createRequire as shoeboxCreateRequire } from 'node:module'; const require = shoeboxCreateRequire(import.meta.url);";

/**
 * esbuild on this machine (no Docker): ESM for the Lambda runtime's Node, the workspace packages' `source` condition (they
 * resolve to their TypeScript), the AWS SDK bundled (the runtime's copy lags behind the one tested), and
 * native modules installed for linux-x64 rather than bundled.
 */
function bundledCode(code: Extract<FunctionCode, { kind: "bundled" }>): nodejs.NodejsFunctionProps {
  const root = repositoryRoot();
  const nativeModules = [...(code.nodeModules ?? [])];
  const target = esbuildTargetOf(LAMBDA_RUNTIME);
  return {
    entry: code.entry,
    handler: "handler",
    projectRoot: root,
    depsLockFilePath: `${root}package-lock.json`,
    bundling: {
      forceDockerBundling: false,
      format: nodejs.OutputFormat.ESM,
      target,
      mainFields: ["module", "main"],
      minify: true,
      sourceMap: true,
      bundleAwsSDK: true,
      banner: ESM_REQUIRE_SHIM,
      esbuildArgs: { "--conditions": "source" },
      externalModules: nativeModules,
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir, outputDir) => [
          ...(code.extraEntries ?? []).map(
            (extra) =>
              `"${root}node_modules/.bin/esbuild" "${extra.source}" --bundle --platform=node --format=esm ` +
              `--target=${target} --conditions=source --minify --outfile="${outputDir}/${extra.outputName}"`,
          ),
          ...installForLambda(outputDir, nativeModules),
        ],
      },
    },
  };
}

/**
 * Installs native modules into the bundle for Lambda's platform whatever the build machine is: npm's
 * `--os/--cpu/--libc` pick the linux-x64 glibc binaries (`@img/sharp-linux-x64`). CDK's own `nodeModules`
 * option runs `npm ci` with the workspace lockfile, which does not match the single-package manifest it
 * writes; this installs the exact versions the repository's tests ran against instead.
 *
 * CDK runs each hook command in its own shell, in the repository root: so this is one command, and every
 * path in it is absolute (`--prefix`), never relative to the working directory.
 */
export function installForLambda(outputDir: string, modules: readonly string[]): string[] {
  if (modules.length === 0) return [];
  const specs = modules.map((name) => `${name}@${installedVersion(name)}`).join(" ");
  const manifest = `${outputDir}/package.json`;
  return [
    [
      `test -d "${outputDir}"`,
      `printf '%s' '{"private":true}' > "${manifest}"`,
      `npm install --prefix "${outputDir}" --no-save --no-package-lock --no-audit --no-fund --omit=dev ` +
        `--os=linux --cpu=x64 --libc=glibc ${specs}`,
    ].join(" && "),
  ];
}

function retentionOf(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter(
    (value): value is number => typeof value === "number",
  );
  if (!allowed.includes(days)) {
    throw new Error(`Log retention of ${days} days is not one CloudWatch offers (${allowed.join(", ")})`);
  }
  return days as logs.RetentionDays;
}
