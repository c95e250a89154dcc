import { describe, expect, it } from 'vitest';
import { conditionContext, requestTagContext } from './request-context.js';

describe('conditionContext', () => {
  it('should merge its parts in order, a later part winning on a shared key, and leave the parts alone', () => {
    const environment = { 'aws:SourceIp': '10.0.0.1', 'aws:RequestedRegion': 'us-east-1' };
    const tags = requestTagContext({ team: 'a', env: 'dev' }, ['team']);
    const merged = conditionContext(environment, tags, { 'aws:RequestedRegion': 'eu-west-1' });
    expect(merged).toEqual({
      'aws:SourceIp': '10.0.0.1',
      'aws:RequestedRegion': 'eu-west-1',
      'aws:RequestTag/team': 'a',
      'aws:RequestTag/env': 'dev',
      'aws:TagKeys': ['team', 'env'],
      'sts:TransitiveTagKeys': ['team'],
    });
    expect(environment).toEqual({ 'aws:SourceIp': '10.0.0.1', 'aws:RequestedRegion': 'us-east-1' });
  });
});
