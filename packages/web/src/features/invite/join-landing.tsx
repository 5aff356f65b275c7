import { SignInPage } from "../auth/sign-in-page.js";
import { JoinPreviewState, useInvitePreview } from "./join-preview.js";

/**
 * `/join/{code}` before signing in: what the invitation is for, above a form that opens on sign-up (most
 * people who follow an invite have no account yet); "Sign in" is one click away for those who do.
 */
export function JoinLanding({ inviteCode }: { inviteCode: string }) {
  const preview = useInvitePreview(inviteCode);
  const name = preview.value?.eventName;
  return (
    <SignInPage
      initialMode="signUp"
      lead={<JoinPreviewState preview={preview} />}
      intro={
        name
          ? `Create an account to join ${name}, see its photos and add yours.`
          : "Create an account to join the event."
      }
    />
  );
}
