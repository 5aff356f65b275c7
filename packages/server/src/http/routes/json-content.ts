/** The `content` entry of a JSON request or response in a route definition. */
export function jsonContent<T>(schema: T) {
  return { content: { "application/json": { schema } } };
}
