import { performance } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS, RequestDurations } from './request-durations.js';

async function samples(registry: Registry): Promise<{ name: string; labels: Record<string, string | number>; value: number }[]> {
  const [metric] = await registry.getMetricsAsJSON();
  const values = (metric?.values ?? []) as { metricName?: string; labels: Record<string, string | number>; value: number }[];
  return values.map((v) => ({ name: v.metricName ?? '', labels: v.labels, value: v.value }));
}

describe('RequestDurations', () => {
  it('should hand out one series per service and action', () => {
    const durations = new RequestDurations(new Registry());
    expect(durations.route('sts', 'AssumeRole')).toBe(durations.route('sts', 'AssumeRole'));
    expect(durations.route('sts', 'AssumeRole')).not.toBe(durations.route('iam', 'AssumeRole'));
  });

  it('should observe an answer under its status class, in seconds', async () => {
    const registry = new Registry();
    const series = new RequestDurations(registry).route('sts', 'AssumeRoleWithWebIdentity');
    series.answered(200, performance.now());
    series.answered(403, performance.now() - 2000);
    series.answered(503, performance.now());
    const counts = (await samples(registry)).filter((s) => s.name === 'eksid_request_duration_seconds_count');
    expect(counts.map((s) => [s.labels['status_class'], s.value])).toEqual([['2xx', 1], ['4xx', 1], ['5xx', 1]]);
    const slow = (await samples(registry)).filter((s) => s.name === 'eksid_request_duration_seconds_bucket' && s.labels['status_class'] === '4xx');
    // Two seconds: past every bucket but +Inf.
    expect(slow.map((s) => s.value)).toEqual([...DURATION_BUCKETS.map(() => 0), 1]);
  });
});
