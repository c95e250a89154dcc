/**
 * A botocore model pattern as AWS's request validation applies it: to the whole value (the
 * model's patterns are unanchored). Compiled once per pattern and flags, since the request
 * validators of IAM (iam/member-rules.ts) and STS (server sts/validate.ts) test the same few
 * patterns on every request.
 */
const compiled = new Map<string, RegExp>();

export function wholePattern(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let whole = compiled.get(key);
  if (whole === undefined) {
    whole = new RegExp(`^(?:${source})$`, flags);
    compiled.set(key, whole);
  }
  return whole;
}
