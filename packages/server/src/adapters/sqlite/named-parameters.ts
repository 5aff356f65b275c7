/**
 * The named parameters for a column list, for INSERT statements bound to a row object.
 *
 * @example namedParameters("id, name") // → "@id, @name"
 */
export function namedParameters(columns: string): string {
  return columns
    .split(", ")
    .map((column) => `@${column}`)
    .join(", ");
}
