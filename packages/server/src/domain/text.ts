import { ValidationError } from "./errors.js";

// Control characters (C0 and DEL) have no place in names and titles; newlines and tabs are allowed only
// where `multiline` says so (descriptions).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_EXCEPT_NEWLINE_AND_TAB = /[\u0000-\u0008\u000b-\u001f\u007f]/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ALL_CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Removes control characters (C0 and DEL), e.g. from a client's file name that is only displayed. */
export function stripControlCharacters(value: string): string {
  return value.replace(ALL_CONTROL_CHARACTERS, "");
}

export interface TextRule {
  /** Field name used in error messages. */
  field: string;
  /** Longest accepted length after trimming, in UTF-16 code units (what JavaScript and DynamoDB count). */
  max: number;
  multiline?: boolean;
}

/**
 * Trims optional user text; blank becomes `undefined`. Throws `ValidationError` when it is too long or
 * contains control characters.
 */
export function optionalText(value: string | undefined, rule: TextRule): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed.length === 0) return undefined;
  if (trimmed.length > rule.max) {
    throw new ValidationError(`${rule.field} must be at most ${rule.max} characters`);
  }
  const forbidden = rule.multiline ? CONTROL_EXCEPT_NEWLINE_AND_TAB : CONTROL_CHARACTERS;
  if (forbidden.test(trimmed)) throw new ValidationError(`${rule.field} contains control characters`);
  return trimmed;
}

/** Like `optionalText`, but blank is a `ValidationError`. */
export function requiredText(value: string | undefined, rule: TextRule): string {
  const text = optionalText(value, rule);
  if (text === undefined) throw new ValidationError(`${rule.field} is required`);
  return text;
}
