import { performance } from 'node:perf_hooks';
import { Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * Upper bounds, in seconds, of the request duration histogram. Few on purpose: every bucket is
 * one more series per (service, action, status class). A credential request alone takes a
 * fraction of a millisecond, a few milliseconds under load; past a second something is wrong.
 */
export const DURATION_BUCKETS: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1];

type Labels = 'service' | 'action' | 'status_class';

/**
 * The durations of one operation (`sts` `AssumeRoleWithWebIdentity`, `eks` `GET /clusters/:name`).
 * Made once, when the routes are built, with its label children bound per status class on
 * first use: answering a request then costs one clock read and one observation.
 */
export class RouteSeries {
  private readonly byClass: (Histogram.Internal<Labels> | undefined)[] = [];

  constructor(
    private readonly histogram: Histogram<Labels>,
    readonly service: string,
    readonly action: string,
  ) {}

  /** A request this server started on at `started` (performance.now()) was answered `status`. */
  answered(status: number, started: number): void {
    const statusClass = Math.trunc(status / 100);
    let child = this.byClass[statusClass];
    if (child === undefined) {
      child = this.histogram.labels(this.service, this.action, `${statusClass}xx`);
      this.byClass[statusClass] = child;
    }
    child.observe((performance.now() - started) / 1000);
  }
}

/**
 * `eksid_request_duration_seconds{service, action, status_class}`: how long requests take from
 * their body being read to their answer being handed to the socket. Labels come from code only
 * (service names, the actions a service has, route patterns), never from a request's path or
 * parameters, so their number stays fixed whatever clients send.
 */
export class RequestDurations {
  private readonly histogram: Histogram<Labels>;
  private readonly series = new Map<string, RouteSeries>();

  constructor(registry: Registry) {
    this.histogram = new Histogram({
      name: 'eksid_request_duration_seconds',
      help: 'Time to answer a request once its body is read, by service, action (or route) and HTTP status class',
      labelNames: ['service', 'action', 'status_class'],
      buckets: [...DURATION_BUCKETS],
      registers: [registry],
    });
  }

  /** The one series of `service`'s `action`: the same object every time it is asked for. */
  route(service: string, action: string): RouteSeries {
    const key = `${service} ${action}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = new RouteSeries(this.histogram, service, action);
      this.series.set(key, series);
    }
    return series;
  }
}
