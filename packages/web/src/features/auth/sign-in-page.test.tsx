import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ApiClient } from "../../api/api-client.js";
import { InvalidRequestError } from "../../api/api-errors.js";
import { ServicesProvider } from "../../app/services.js";
import { defaultUploadLimits } from "../upload/upload-limits.js";
import type {
  AuthClient,
  ConfirmSignUpInput,
  Session,
  SignInInput,
  SignUpInput,
  SignUpOutcome,
} from "./auth-client.js";
import { AccountNotConfirmedError } from "./auth-errors.js";
import { SignInPage } from "./sign-in-page.js";

const SESSION: Session = {
  idToken: "id",
  refreshToken: "refresh",
  issuedAt: 0,
  expiresAt: 3_600_000,
  user: { userId: "u1", email: "ada@example.org", name: "Ada" },
};

/** A user pool in memory that, like Cognito, wants the emailed code "123456" before signing in. */
class PoolThatConfirmsByEmail implements AuthClient {
  readonly calls: string[] = [];
  confirmed = false;

  async signUp(input: SignUpInput): Promise<SignUpOutcome> {
    this.calls.push(`signUp ${input.email} ${input.name}`);
    return { status: "confirmationRequired" as const, deliveredTo: "a***@e***" };
  }
  async confirmSignUp(input: ConfirmSignUpInput): Promise<Session | null> {
    this.calls.push(`confirm ${input.email} ${input.code}`);
    if (input.code !== "123456") throw new InvalidRequestError(400, "WRONG_CODE", "That code is not right.");
    this.confirmed = true;
    return null;
  }
  async resendConfirmation(input: { email: string }) {
    this.calls.push(`resend ${input.email}`);
  }
  async signIn(input: SignInInput) {
    this.calls.push(`signIn ${input.email} ${input.password}`);
    if (!this.confirmed) throw new AccountNotConfirmedError();
    return SESSION;
  }
  refresh = async (): Promise<Session | null> => null;
  signOut = async () => {};
  currentToken = async () => null;
  refreshAfterRejection = async () => false;
  session = () => null;
  subscribe = () => () => {};
}

function renderPage(auth: AuthClient) {
  const services = { api: new ApiClient({ baseUrl: "/api" }, auth), auth, limits: defaultUploadLimits };
  render(
    <ServicesProvider services={services}>
      <SignInPage />
    </ServicesProvider>,
  );
}

async function submit(button: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: button }));
  });
}

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("SignInPage with an identity provider that confirms by email", () => {
  afterEach(cleanup);

  it("asks for the emailed code after sign-up, then signs in with the password just chosen", async () => {
    const auth = new PoolThatConfirmsByEmail();
    renderPage(auth);
    fireEvent.click(screen.getByRole("button", { name: "Create an account" }));
    type("Your name", "Ada");
    type("Email", "ada@example.org");
    type(/^Password/, "Correct-horse-42");
    await submit("Create account");

    expect(screen.getByRole("heading", { name: "Confirm your email" })).toBeTruthy();
    expect(screen.getByText("a***@e***")).toBeTruthy();

    type("Confirmation code", "999999");
    await submit("Confirm and sign in");
    expect(screen.getByRole("alert").textContent).toBe("That code is not right.");

    type("Confirmation code", "123456");
    await submit("Confirm and sign in");
    expect(auth.calls).toEqual([
      "signUp ada@example.org Ada",
      "confirm ada@example.org 999999",
      "confirm ada@example.org 123456",
      "signIn ada@example.org Correct-horse-42",
    ]);
  });

  it("asks for the code when an account that was never confirmed signs in", async () => {
    renderPage(new PoolThatConfirmsByEmail());
    type("Email", "ada@example.org");
    type(/^Password/, "Correct-horse-42");
    await submit("Sign in");

    expect(screen.getByRole("heading", { name: "Confirm your email" })).toBeTruthy();
    expect(screen.getByLabelText("Confirmation code")).toBeTruthy();
  });
});

/** Like the embedded host without a mail server: the code is in its log, and confirming signs in. */
class IssuerThatLogsCodes extends PoolThatConfirmsByEmail {
  override async signUp(input: SignUpInput): Promise<SignUpOutcome> {
    this.calls.push(`signUp ${input.email} ${input.name}`);
    return { status: "confirmationRequired" as const, deliveredTo: null, codeInServerLog: true };
  }
  override async confirmSignUp(input: ConfirmSignUpInput): Promise<Session | null> {
    this.calls.push(`confirm ${input.email} ${input.code} ${input.password}`);
    return SESSION;
  }
}

describe("SignInPage with the embedded issuer", () => {
  afterEach(cleanup);

  it("says the code is in the server's log when the server says so, resends, and confirming signs in", async () => {
    const auth = new IssuerThatLogsCodes();
    renderPage(auth);
    fireEvent.click(screen.getByRole("button", { name: "Create an account" }));
    type("Your name", "Ada");
    type("Email", "ada@example.org");
    type(/^Password/, "Correct-horse-42");
    await submit("Create account");

    expect(screen.getByText("ada@example.org")).toBeTruthy();
    expect(screen.getByText(/printed in the server's log/)).toBeTruthy();
    await submit("Send a new one");
    expect(screen.getByRole("status").textContent).toMatch(/new code/);

    type("Confirmation code", "123456");
    await submit("Confirm and sign in");
    expect(auth.calls).toEqual([
      "signUp ada@example.org Ada",
      "resend ada@example.org",
      "confirm ada@example.org 123456 Correct-horse-42",
    ]);
  });

  it("does not mention the server's log when the code went out by email", async () => {
    renderPage(new PoolThatConfirmsByEmail());
    fireEvent.click(screen.getByRole("button", { name: "Create an account" }));
    type("Your name", "Ada");
    type("Email", "ada@example.org");
    type(/^Password/, "Correct-horse-42");
    await submit("Create account");
    expect(screen.queryByText(/server's log/)).toBeNull();
  });
});
