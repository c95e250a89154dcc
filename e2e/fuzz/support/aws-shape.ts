import type { RawReply } from './raw-http.js';

/**
 * The AWS error code an answer carries, in whichever shape its protocol uses, or undefined
 * when it carries none: rest-json names it in x-amzn-ErrorType beside a {"message"} body;
 * awsQuery in <ErrorResponse><Error><Code>, or {"Error":{"Code"}} when JSON was asked for.
 */
export function awsErrorCode(reply: RawReply): string | undefined {
  const restJson = reply.headers['x-amzn-errortype'];
  if (typeof restJson === 'string') return hasMessage(reply.body) ? restJson : undefined;
  const xml = /^<ErrorResponse xmlns="[^"]+"><Error><Type>(?:Sender|Receiver)<\/Type><Code>([^<]+)<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[^<]+<\/RequestId><\/ErrorResponse>\n?$/.exec(reply.body);
  if (xml) return xml[1];
  return jsonQueryCode(reply.body);
}

function hasMessage(body: string): boolean {
  try {
    return typeof (JSON.parse(body) as { message?: unknown }).message === 'string';
  } catch {
    return false;
  }
}

function jsonQueryCode(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { Error?: { Code?: unknown } }).Error?.Code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
