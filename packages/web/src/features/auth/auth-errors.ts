import { ForbiddenError } from "../../api/api-errors.js";

/**
 * Signing in to an account whose email was never confirmed (Cognito): the sign-in page answers by asking
 * for the emailed code.
 */
export class AccountNotConfirmedError extends ForbiddenError {
  override name = "AccountNotConfirmedError";
  constructor() {
    super(403, "ACCOUNT_NOT_CONFIRMED", "Confirm your account with the code we emailed you, then sign in.");
  }
}
