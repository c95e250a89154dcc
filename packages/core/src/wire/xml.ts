/**
 * awsQuery responses are XML whose shape follows the botocore models: structures become
 * elements, lists become <member> children, timestamps are ISO 8601. One escaping helper
 * serves every value, so no route can emit unescaped text.
 */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlValue[] | { [key: string]: XmlValue };

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const MARKUP = /[&<>"']/;

export function escapeXml(text: string): string {
  // Most values (ids, ARNs, keys) have nothing to escape: test before rewriting.
  return MARKUP.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string) : text;
}

/** AWS prints timestamps without milliseconds, e.g. 2024-01-01T00:00:00Z. */
export function isoSeconds(d: Date): string {
  // toISOString always ends in `.sssZ`.
  return `${d.toISOString().slice(0, -5)}Z`;
}

function scalar(value: string | number | boolean | Date): string {
  return value instanceof Date ? isoSeconds(value) : escapeXml(String(value));
}

/** Renders the children of one element; `undefined`/`null` fields are left out as AWS does. */
export function xmlBody(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  // Plain loops and string appends: this renders every awsQuery response.
  let out = '';
  if (Array.isArray(value)) {
    for (const item of value) out += `<member>${xmlBody(item)}</member>`;
    return out;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (child !== undefined && child !== null) out += `<${key}>${xmlBody(child)}</${key}>`;
    }
    return out;
  }
  return scalar(value);
}

/** A whole awsQuery success document: <ActionResponse><ActionResult>…</ActionResult><ResponseMetadata/>. */
export function queryResponseXml(action: string, namespace: string, result: XmlValue, requestId: string): string {
  const resultXml = result === undefined ? '' : `<${action}Result>${xmlBody(result)}</${action}Result>`;
  return (
    `<${action}Response xmlns="${namespace}">` +
    resultXml +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>\n`
  );
}

/** The awsQuery error document (same shape for STS and IAM). */
export function queryErrorXml(namespace: string, error: { fault: string; code: string; message: string }, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${namespace}">` +
    `<Error><Type>${escapeXml(error.fault)}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `</ErrorResponse>\n`
  );
}
