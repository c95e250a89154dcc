/**
 * awsQuery responses are XML whose shape follows the botocore models: structures become
 * elements, lists become <member> children, timestamps are ISO 8601. One escaping helper
 * serves every value, so no route can emit unescaped text.
 */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlValue[] | { [key: string]: XmlValue };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** AWS prints timestamps without milliseconds, e.g. 2024-01-01T00:00:00Z. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function scalar(value: string | number | boolean | Date): string {
  return value instanceof Date ? isoSeconds(value) : escapeXml(String(value));
}

/** Renders the children of one element; `undefined`/`null` fields are left out as AWS does. */
export function xmlBody(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${xmlBody(item)}</member>`).join('');
  if (typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${xmlBody(v)}</${k}>`)
      .join('');
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
