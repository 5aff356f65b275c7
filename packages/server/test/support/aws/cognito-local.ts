import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface CognitoTokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken: string;
}

/**
 * `cognito-local` (a Cognito-compatible server from npm) in a child process on a free port, with its data
 * in a temp dir, and the few user-pool calls the tests make, in Cognito's JSON protocol. Its tokens are
 * RS256 with issuer `http://127.0.0.1:PORT/<poolId>` and a JWKS at `<issuer>/.well-known/jwks.json`,
 * signed with a key shipped in the package: for tests only.
 */
export class CognitoLocal {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<CognitoLocal> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "shoebox-cognito-"));
    const script = createRequire(import.meta.url).resolve("cognito-local/lib/bin/start.js");
    // Its config and database live in `.cognito/` under the working directory: the temp dir here.
    const child = spawn(process.execPath, [script], {
      cwd: dataDir,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const cognito = new CognitoLocal(`http://127.0.0.1:${port}`, child, dataDir);
    try {
      await cognito.waitUntilHealthy(child);
    } catch (error) {
      await cognito.stop();
      throw error;
    }
    return cognito;
  }

  /**
   * The code `SignUp` would have emailed to `email`: cognito-local keeps each pool's users, and the
   * confirmation code, in `.cognito/db/<poolId>.json` under its data dir.
   */
  confirmationCodeOf(poolId: string, email: string): string {
    const path = join(this.dataDir, ".cognito", "db", `${poolId}.json`);
    const store = JSON.parse(readFileSync(path, "utf8")) as {
      Users?: Record<string, { Attributes?: { Name: string; Value?: string }[]; ConfirmationCode?: string }>;
    };
    const user = Object.values(store.Users ?? {}).find((candidate) =>
      candidate.Attributes?.some((attribute) => attribute.Name === "email" && attribute.Value === email),
    );
    if (!user?.ConfirmationCode) throw new Error(`No confirmation code is waiting for ${email}`);
    return user.ConfirmationCode;
  }

  /** The issuer of tokens from `poolId`, as the API's verifier must expect it. */
  issuerOf(poolId: string): string {
    return `${this.url}/${poolId}`;
  }

  async createPoolAndClient(name: string): Promise<{ poolId: string; clientId: string }> {
    const { UserPool } = await this.call("CreateUserPool", { PoolName: name, UsernameAttributes: ["email"] });
    const { UserPoolClient } = await this.call("CreateUserPoolClient", {
      UserPoolId: UserPool.Id,
      ClientName: `${name}-web`,
      ExplicitAuthFlows: ["USER_PASSWORD_AUTH"],
    });
    return { poolId: UserPool.Id, clientId: UserPoolClient.ClientId };
  }

  /**
   * SignUp, AdminConfirmSignUp (no email round trip), then `USER_PASSWORD_AUTH`. cognito-local leaves the
   * email unverified on confirmation (its id tokens say `email_verified: false`), where a real pool with
   * `autoVerify: { email: true }` marks it verified when the emailed code confirms the sign-up; with
   * `emailVerified` the attribute is set as that code would.
   */
  async signUpAndSignIn(
    pool: { poolId: string; clientId: string },
    user: { email: string; password: string; name: string },
    options: { emailVerified?: boolean } = {},
  ): Promise<CognitoTokens> {
    await this.call("SignUp", {
      ClientId: pool.clientId,
      Username: user.email,
      Password: user.password,
      UserAttributes: [
        { Name: "email", Value: user.email },
        { Name: "name", Value: user.name },
      ],
    });
    await this.call("AdminConfirmSignUp", { UserPoolId: pool.poolId, Username: user.email });
    if (options.emailVerified) {
      // cognito-local requires the email alongside email_verified; its tokens read the attribute's string.
      await this.call("AdminUpdateUserAttributes", {
        UserPoolId: pool.poolId,
        Username: user.email,
        UserAttributes: [
          { Name: "email", Value: user.email },
          { Name: "email_verified", Value: "true" },
        ],
      });
    }
    const { AuthenticationResult } = await this.call("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
    });
    return AuthenticationResult as CognitoTokens;
  }

  async call(operation: string, body: unknown): Promise<any> {
    const res = await fetch(this.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`cognito-local ${operation}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill();
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilHealthy(child: ChildProcess): Promise<void> {
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    for (let attempt = 0; attempt < 200; attempt++) {
      if (child.exitCode !== null) throw new Error(`cognito-local exited: ${stderr}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    throw new Error(`cognito-local did not start: ${stderr}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
