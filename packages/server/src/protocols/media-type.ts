/**
 * A Content-Type's media type without its parameters, lowercased: type and subtype are
 * case-insensitive (RFC 9110 §8.3.1), so `APPLICATION/X-WWW-FORM-URLENCODED; Charset=UTF-8`
 * is a form like any other.
 */
export function mediaTypeOf(header: string): string {
  const end = header.indexOf(';');
  return (end === -1 ? header : header.slice(0, end)).trim().toLowerCase();
}
