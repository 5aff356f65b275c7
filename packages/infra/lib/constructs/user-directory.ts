import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";

export interface UserDirectoryProps {
  /**
   * Hosted UI (authorization code + PKCE) redirect URLs. Without them the web client signs in with its own
   * form (USER_PASSWORD_AUTH) and no Cognito domain is created.
   */
  hostedUi?: { domainPrefix: string; callbackUrls: string[]; logoutUrls: string[] };
}

/**
 * Who may sign in: a Cognito user pool with e-mail sign-in and self sign-up, and one public app client for
 * the web (no secret: a browser cannot keep one). Tokens from this client are what the HTTP API's JWT
 * authorizer and the server's verifier accept.
 */
export class UserDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: UserDirectoryProps = {}) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, "Users", {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: true,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const hostedUi = props.hostedUi;
    this.webClient = this.userPool.addClient("WebClient", {
      generateSecret: false,
      // USER_PASSWORD_AUTH is what the web client uses: the password travels to Cognito (over TLS only).
      // SRP would keep it off the wire, but no Cognito-compatible server that runs offline speaks SRP, so
      // that path could not be tested here; SRP stays allowed for a client that adds it later.
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      ...(hostedUi
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
              callbackUrls: hostedUi.callbackUrls,
              logoutUrls: hostedUi.logoutUrls,
            },
          }
        : { disableOAuth: true }),
    });
    if (hostedUi) {
      this.userPool.addDomain("HostedUi", { cognitoDomain: { domainPrefix: hostedUi.domainPrefix } });
    }
  }
}
