/**
 * A copy of a JSON-like value with `undefined` members of objects dropped (at any depth). The DocumentClient
 * refuses `undefined` unless built with `removeUndefinedValues`; cleaning nested values here lets the
 * adapters work whatever marshalling options the composition chose.
 *
 * @example withoutUndefined({ make: "Fujifilm", lens: undefined }) // → { make: "Fujifilm" }
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) copy[key] = withoutUndefined(member);
  }
  return copy as T;
}
