import { expect } from 'vitest';
import { coreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import { Store } from '../store/index.js';
import type { IamContext } from './context.js';

/** Shared by the IAM tests: an in-memory store, a frozen clock, the default account. */
export interface IamTestContext extends IamContext {
  clock: FixedClock;
  close(): void;
}

export const T0 = '2024-01-02T03:04:05.000Z';

export function iamTestContext(): IamTestContext {
  const store = Store.open(':memory:');
  const clock = new FixedClock(T0);
  return { store, clock, deps: { clock, random: systemRandom }, config: coreConfig(), close: () => store.close() };
}

export const TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export const PERMISSIONS_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
});

/** Asserts the AwsError a call throws: code, HTTP status and IAM's exact message. */
export function expectAwsError(fn: () => unknown, code: string, status: number, message: string): void {
  expect(fn).toThrow(expect.objectContaining({ code, status, message }));
}
