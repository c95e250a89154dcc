import { describe, expect, it } from 'vitest';
import { podIdentitySessionName } from './session-tags.js';

const UUID = '0b6f4f3e-2c55-4f5e-9d2b-7c1f8e0a9b11';

describe('podIdentitySessionName', () => {
  it.each([
    ['a plain pod', 'demo', 'bench-pod', `eks-demo-bench-pod-${UUID}`],
    ['characters IAM refuses, each replaced', 'demo', 'a/b:c d', `eks-demo-a-b-c-d-${UUID}`],
    ['characters IAM accepts, kept', 'demo', 'a+b=c,d.e@f_g', `eks-demo-a+b=c,d.e@f_g-${UUID}`],
    ['a long pod name, cut so the uuid fits in 64', 'demo', 'p'.repeat(80), `eks-demo-${'p'.repeat(18)}-${UUID}`],
    ['a refused character past the cut, dropped', 'demo', `${'p'.repeat(18)}/`, `eks-demo-${'p'.repeat(18)}-${UUID}`],
  ])('should name %s', (_label, cluster, pod, expected) => {
    const name = podIdentitySessionName(cluster, pod, UUID);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(64);
  });

  it('should give the same name on every call', () => {
    expect(podIdentitySessionName('demo', 'a/b', UUID)).toBe(podIdentitySessionName('demo', 'a/b', UUID));
  });
});
