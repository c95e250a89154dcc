import type { Duplex } from 'node:stream';

/**
 * What eksid answers when node's HTTP parser refuses a request before any route sees it (a
 * request line or headers past its 16 KB limit, a malformed request, a request that took too
 * long to arrive). Node's own answer is a bare status line; this one carries the rest-json
 * error shape every other refusal of eksid has (x-amzn-ErrorType and a {"message"} body), so a
 * client or a log reader sees why. The protocol is unknown here (the path may not have been
 * read), and rest-json is the shape SDKs read on any path. The connection is closed after it,
 * as node does: what follows the bad bytes cannot be framed.
 */
export function answerParserRefusal(err: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection, or one already answered and closed, takes no answer.
  if (err.code === 'ECONNRESET' || !socket.writable) return;
  const [status, reason, code, message] = refusalOf(err.code);
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `x-amzn-ErrorType: ${code}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function refusalOf(code: string | undefined): [number, string, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large', 'RequestHeaderFieldsTooLarge', 'The request line and headers are larger than 16 KB'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout', 'RequestTimeout', 'The request did not arrive in time'];
  return [400, 'Bad Request', 'BadRequest', 'The request is not well-formed HTTP/1.1'];
}
