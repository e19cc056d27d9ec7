/**
 * RFC 4512 §2.5: `attributedescription = attributetype options`, `options = *( SEMI option )`.
 * Options are case-insensitive and unordered, so they come back lower-cased.
 */
export function splitAttributeDescription(description: string): { type: string; options: string[] } {
  const semi = description.indexOf(';');
  if (semi < 0) return { type: description, options: [] };
  const [type = '', ...options] = description.split(';');
  return { type, options: options.map((o) => o.toLowerCase()) };
}
