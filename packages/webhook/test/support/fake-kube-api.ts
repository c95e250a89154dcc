// Just enough of the Kubernetes API to drive a ServiceAccount informer: list with a
// resourceVersion, chunked watch streams replaying events after a resourceVersion, 410 Gone
// (as an HTTP status or as an ERROR event), GET of one ServiceAccount, and an outage switch.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ServiceAccount {
  apiVersion: 'v1';
  kind: 'ServiceAccount';
  metadata: { namespace: string; name: string; resourceVersion: string; annotations?: Record<string, string> };
}
type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export class FakeKubeApi {
  readonly requests: string[] = [];
  down = false;
  /** The next watch request gets HTTP 410 Gone. */
  goneOnNextWatch = false;
  /** Delay for GET of one service account, ms. */
  getDelayMs = 0;
  private revision = 100;
  private readonly objects = new Map<string, ServiceAccount>();
  private readonly history: { rv: number; type: EventType; object: ServiceAccount }[] = [];
  private readonly watchers = new Set<ServerResponse>();
  private readonly server: Server = createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.endWatches();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  get listCount(): number {
    return this.requests.filter((r) => r === 'list').length;
  }

  /** Creates or updates; `announce: false` hides the change from watchers (a lagging informer). */
  put(namespace: string, name: string, annotations: Record<string, string>, announce = true): void {
    const key = `${namespace}/${name}`;
    const type: EventType = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    this.revision += 1;
    const object: ServiceAccount = {
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: { namespace, name, resourceVersion: String(this.revision), annotations },
    };
    this.objects.set(key, object);
    if (announce) this.emit(type, object);
  }

  remove(namespace: string, name: string, announce = true): void {
    const object = this.objects.get(`${namespace}/${name}`);
    if (object === undefined) return;
    this.objects.delete(`${namespace}/${name}`);
    this.revision += 1;
    if (announce) this.emit('DELETED', { ...object, metadata: { ...object.metadata, resourceVersion: String(this.revision) } });
  }

  /** Sends an ERROR event with code 410 and ends the streams, as an API server whose history expired. */
  expireWatches(): void {
    for (const res of this.watchers) {
      res.write(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 } })}\n`);
    }
    this.history.length = 0;
    this.endWatches();
  }

  endWatches(): void {
    for (const res of this.watchers) res.end();
    this.watchers.clear();
  }

  private emit(type: EventType, object: ServiceAccount): void {
    this.history.push({ rv: this.revision, type, object });
    for (const res of this.watchers) res.write(`${JSON.stringify({ type, object })}\n`);
  }

  private status(res: ServerResponse, code: number, reason: string): void {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code }));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const one = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/]+)$/.exec(url.pathname);
    if (this.down) {
      this.requests.push('unavailable');
      return this.status(res, 503, 'ServiceUnavailable');
    }
    if (one !== null) {
      this.requests.push(`get ${one[1]}/${one[2]}`);
      const object = this.objects.get(`${one[1]}/${one[2]}`);
      setTimeout(() => {
        if (object === undefined) return this.status(res, 404, 'NotFound');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(object));
      }, this.getDelayMs);
      return;
    }
    if (url.pathname !== '/api/v1/serviceaccounts') return this.status(res, 404, 'NotFound');
    if (url.searchParams.get('watch') !== 'true') {
      this.requests.push('list');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        apiVersion: 'v1', kind: 'ServiceAccountList',
        metadata: { resourceVersion: String(this.revision) },
        items: [...this.objects.values()],
      }));
      return;
    }
    const from = Number(url.searchParams.get('resourceVersion') ?? '0');
    this.requests.push(`watch ${from}`);
    if (this.goneOnNextWatch) {
      this.goneOnNextWatch = false;
      return this.status(res, 410, 'Expired');
    }
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    for (const event of this.history) {
      if (event.rv > from) res.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
    }
    this.watchers.add(res);
    res.on('close', () => this.watchers.delete(res));
  }
}
