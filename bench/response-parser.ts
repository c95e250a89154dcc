// The load generator's HTTP/1.x response framer: see ResponseParser.
/** What `feed` found: the response needs more bytes, is complete, or cannot be framed. */
export const MORE = 0;
export const DONE = 1;
export const BAD = 2;

// Parser states: between responses, the head, then one body framing.
const IDLE = 0;
const HEAD = 1;
const FIXED = 2;
const UNTIL_CLOSE = 3;
const CHUNK_SIZE = 4;
const CHUNK_EXT = 5;
const CHUNK_SIZE_LF = 6;
const CHUNK_DATA = 7;
const CHUNK_DATA_CR = 8;
const CHUNK_DATA_LF = 9;
const TRAILER_START = 10;
const TRAILER_LINE = 11;
const TRAILER_END_LF = 12;

const CR = 13;
const LF = 10;
const HEAD_END = Buffer.from('\r\n\r\n');
const HTTP_1 = Buffer.from('HTTP/1.');
const HEAD_LIMIT = 64 * 1024;
const CONTENT_LENGTH = Buffer.from('content-length');
const TRANSFER_ENCODING = Buffer.from('transfer-encoding');
const CONNECTION = Buffer.from('connection');

/**
 * Frames one HTTP/1.x response at a time on Buffers: only the status, the framing headers and
 * the Connection header are read, case-insensitively, and the body is skipped by length (fixed,
 * chunked, or up to the close). Bytes may come split anywhere, a byte at a time included; a
 * head split across reads is the only thing copied. Bytes past the response are an error: with
 * one request in flight the server has nothing else to say.
 */
export class ResponseParser {
  status = 0;
  /** The server closes after this response: `Connection: close`, or HTTP/1.0 without keep-alive. */
  closes = false;
  private state = IDLE;
  private remaining = 0;
  private partialHead: Buffer | undefined;

  reset(): void {
    this.state = HEAD;
    this.status = 0;
    this.closes = false;
    this.remaining = 0;
    this.partialHead = undefined;
  }

  endsAtClose(): boolean {
    return this.state === UNTIL_CLOSE;
  }

  feed(buf: Buffer, start: number, end: number): number {
    let i = start;
    if (this.state === IDLE) return BAD;
    if (this.state === HEAD) {
      i = this.head(buf, start, end);
      if (i < 0) return i === -1 ? MORE : BAD;
    }
    while (i < end && this.state !== IDLE) {
      const byte = buf[i] as number;
      switch (this.state) {
        case FIXED:
        case CHUNK_DATA: {
          const take = Math.min(this.remaining, end - i);
          i += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = this.state === FIXED ? IDLE : CHUNK_DATA_CR;
          continue;
        }
        case UNTIL_CLOSE:
          return MORE;
        case CHUNK_SIZE: {
          const digit = hexValue(byte);
          if (digit >= 0 && this.remaining < 2 ** 40) this.remaining = this.remaining * 16 + digit;
          else if (byte === CR) this.state = CHUNK_SIZE_LF;
          else if (byte === 0x3b || byte === 0x20 || byte === 0x09) this.state = CHUNK_EXT;
          else return BAD;
          break;
        }
        case CHUNK_EXT:
          if (byte === CR) this.state = CHUNK_SIZE_LF;
          break;
        case CHUNK_SIZE_LF:
          if (byte !== LF) return BAD;
          this.state = this.remaining === 0 ? TRAILER_START : CHUNK_DATA;
          break;
        case CHUNK_DATA_CR:
          if (byte !== CR) return BAD;
          this.state = CHUNK_DATA_LF;
          break;
        case CHUNK_DATA_LF:
          if (byte !== LF) return BAD;
          this.state = CHUNK_SIZE;
          break;
        case TRAILER_START:
          this.state = byte === CR ? TRAILER_END_LF : TRAILER_LINE;
          break;
        case TRAILER_LINE:
          if (byte === LF) this.state = TRAILER_START;
          break;
        case TRAILER_END_LF:
          if (byte !== LF) return BAD;
          this.state = IDLE;
          break;
      }
      i++;
    }
    if (this.state !== IDLE) return MORE;
    return i === end ? DONE : BAD;
  }

  /** Consumes the head; returns where the body starts in `buf`, -1 for more bytes, -2 if bad. */
  private head(buf: Buffer, start: number, end: number): number {
    if (this.partialHead === undefined) {
      const at = buf.indexOf(HEAD_END, start);
      // `buf` may be a reused read buffer: a match past `end` is stale bytes.
      if (at >= 0 && at + 4 <= end) return this.parseHead(buf, start, at) ? at + 4 : -2;
      this.partialHead = Buffer.from(buf.subarray(start, end));
      return -1;
    }
    const held = this.partialHead.length;
    const joined = Buffer.concat([this.partialHead, buf.subarray(start, end)]);
    const at = joined.indexOf(HEAD_END, Math.max(0, held - 3));
    if (at < 0) {
      this.partialHead = joined;
      return joined.length > HEAD_LIMIT ? -2 : -1;
    }
    this.partialHead = undefined;
    return this.parseHead(joined, 0, at) ? start + at + 4 - held : -2;
  }

  /** Reads the status line and the headers that frame the body; `end` is the CRLFCRLF. */
  private parseHead(h: Buffer, start: number, end: number): boolean {
    // "HTTP/1.x NNN": the status sits at a fixed offset.
    if (end - start < 12 || HTTP_1.compare(h, start, start + 7) !== 0 || h[start + 8] !== 0x20) return false;
    const status = digitsValue(h, start + 9, start + 12);
    if (status < 100) return false;
    this.status = status;
    this.closes = h[start + 7] === 0x30;
    let contentLength = -1;
    let chunked = false;
    let line = h.indexOf(CR, start) + 2;
    while (line < end) {
      const lineEnd = Math.min(end, h.indexOf(CR, line));
      const colon = h.indexOf(0x3a, line);
      if (colon < 0 || colon > lineEnd) return false;
      let value = colon + 1;
      while (value < lineEnd && (h[value] === 0x20 || h[value] === 0x09)) value++;
      if (nameIs(h, line, colon, CONTENT_LENGTH)) contentLength = digitsValue(h, value, trimEnd(h, value, lineEnd));
      else if (nameIs(h, line, colon, TRANSFER_ENCODING)) chunked = /chunked\s*$/i.test(h.toString('latin1', value, lineEnd));
      else if (nameIs(h, line, colon, CONNECTION)) {
        const tokens = h.toString('latin1', value, lineEnd).toLowerCase();
        if (tokens.includes('close')) this.closes = true;
        else if (tokens.includes('keep-alive')) this.closes = false;
      }
      line = lineEnd + 2;
    }
    // RFC 9112 §6.3: no body for 1xx, 204 and 304; chunked wins over Content-Length.
    if (status < 200 || status === 204 || status === 304) this.state = IDLE;
    else if (chunked) this.state = CHUNK_SIZE;
    else if (contentLength >= 0) [this.state, this.remaining] = contentLength === 0 ? [IDLE, 0] : [FIXED, contentLength];
    else if (contentLength === -1) [this.state, this.closes] = [UNTIL_CLOSE, true];
    return contentLength !== -2;
  }
}

function nameIs(h: Buffer, start: number, end: number, lowercase: Buffer): boolean {
  if (end - start !== lowercase.length) return false;
  // ASCII letters: setting bit 0x20 lowercases them; '-' already has it.
  for (let k = 0; k < lowercase.length; k++) if (((h[start + k] as number) | 0x20) !== lowercase[k]) return false;
  return true;
}

/** The decimal number in h[start, end), or -2 when it is empty or not all digits. */
function digitsValue(h: Buffer, start: number, end: number): number {
  if (end <= start) return -2;
  let n = 0;
  for (let k = start; k < end; k++) {
    const d = (h[k] as number) - 0x30;
    if (d < 0 || d > 9) return -2;
    n = n * 10 + d;
  }
  return n;
}

function trimEnd(h: Buffer, start: number, end: number): number {
  while (end > start && (h[end - 1] === 0x20 || h[end - 1] === 0x09)) end--;
  return end;
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
