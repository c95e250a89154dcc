import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './sse.js';
import type { ServerSentEvent } from './sse.js';

async function read(...chunks: string[]): Promise<ServerSentEvent[]> {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(body)) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('should read eksid decision messages and skip comments', async () => {
    expect(await read(': connected\n\n', 'id: 7\nevent: decision\ndata: {"id":7}\n\n', ': keepalive\n\n')).toEqual([{ event: 'decision', data: '{"id":7}', id: '7' }]);
  });

  it('should join messages split anywhere across chunks, CRLF included', async () => {
    const text = 'id: 1\r\nevent: decision\r\ndata: {"a":"é"}\r\n\r\nid: 2\rdata: x\r\r';
    const bytes = [...new TextEncoder().encode(text)].map((b) => String.fromCharCode(b));
    // Split at every byte: multi-byte characters and CRLF pairs straddle chunks.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of bytes) controller.enqueue(Uint8Array.of(b.charCodeAt(0)));
        controller.close();
      },
    });
    const events: ServerSentEvent[] = [];
    for await (const event of readServerSentEvents(body)) events.push(event);
    expect(events).toEqual([
      { event: 'decision', data: '{"a":"é"}', id: '1' },
      { event: 'message', data: 'x', id: '2' },
    ]);
  });

  it('should join data lines, keep the last id across messages and drop an unterminated one', async () => {
    expect(await read('id: 3\ndata: a\ndata:b\n\n', 'data: c\n\n', 'data: cut off')).toEqual([
      { event: 'message', data: 'a\nb', id: '3' },
      { event: 'message', data: 'c', id: '3' },
    ]);
  });
});
