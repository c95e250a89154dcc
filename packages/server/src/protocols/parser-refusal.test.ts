import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** Sends raw bytes and resolves with everything the server wrote before it closed. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(server.port, '127.0.0.1', () => socket.write(bytes));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('requests node refuses before any route', () => {
  it('should answer headers past 16 KB with 431 in the rest-json error shape, and close', async () => {
    const reply = await raw(`GET /_eksid/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const [head, body] = reply.split('\r\n\r\n');
    expect(head?.split('\r\n')).toEqual(expect.arrayContaining(['HTTP/1.1 431 Request Header Fields Too Large', 'Connection: close', 'x-amzn-ErrorType: RequestHeaderFieldsTooLarge']));
    expect(JSON.parse(body ?? '')).toEqual({ message: 'The request line and headers are larger than 16 KB' });
  });

  it('should answer a malformed request with 400 in the same shape', async () => {
    const reply = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(reply).toContain('x-amzn-ErrorType: BadRequest');
    expect(JSON.parse(reply.split('\r\n\r\n')[1] ?? '')).toEqual({ message: 'The request is not well-formed HTTP/1.1' });
  });
});
