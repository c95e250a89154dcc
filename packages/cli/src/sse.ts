/** One server-sent event: its type (`message` when the server named none), data and the last event id seen. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * Reads a text/event-stream body as the HTML standard's EventSource parses it
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines end in CR, LF or CRLF, `:` starts a comment, a blank line dispatches, `data` lines
 * join with LF. Node has fetch but no EventSource, and eksid follows with fetch so it can
 * send Last-Event-ID itself and decide how to reconnect.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  const take = (line: string): ServerSentEvent | undefined => {
    if (line === '') {
      const done = data.length > 0 ? { event: event || 'message', data: data.join('\n'), id } : undefined;
      event = '';
      data = [];
      return done;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
    return undefined;
  };
  let pending = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    // A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
    const lines = pending.split(/\r\n|\r(?!$)|\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const done = take(line);
      if (done) yield done;
    }
  }
  // The body ended, so a CR held back ends its line; anything else unterminated is dropped, as the standard says.
  if (pending.endsWith('\r')) {
    const done = take(pending.slice(0, -1));
    if (done) yield done;
  }
}
