import { ApiClient } from "../api/api-client.js";
import type { AuthClient } from "../features/auth/auth-client.js";
import { EmbeddedAuthClient } from "../features/auth/embedded-auth-client.js";
import type { SessionStorage } from "../features/auth/session-keeper.js";
import { defaultUploadLimits } from "../features/upload/upload-limits.js";
import type { RuntimeConfig } from "./runtime-config.js";
import type { Services } from "./services.js";

/**
 * Builds the app's services for the host the runtime config describes. The Cognito client (and the AWS
 * SDK under it) is imported only on the AWS host, so the embedded shell does not carry it.
 */
export async function createServices(
  config: RuntimeConfig,
  options: { defaultApiBaseUrl: string; storage: SessionStorage },
): Promise<Services> {
  const http = {
    baseUrl: (config.kind === "cognito" ? config.apiBaseUrl : undefined) ?? options.defaultApiBaseUrl,
  };
  let auth: AuthClient;
  if (config.kind === "cognito") {
    const { CognitoAuthClient } = await import("../features/auth/cognito-auth-client.js");
    auth = new CognitoAuthClient({
      region: config.region,
      userPoolClientId: config.userPoolClientId,
      storage: options.storage,
    });
  } else {
    auth = new EmbeddedAuthClient({ http, storage: options.storage });
  }
  return { api: new ApiClient(http, auth), auth, limits: defaultUploadLimits };
}
