import { describe, expect, it } from 'vitest';
import { decisionReason } from './reason.js';

const denied = (trace: [boolean | null, string][], errorCode: string | null = 'AccessDenied', errorMessage: string | null = 'Not authorized') =>
  decisionReason({ outcome: 'denied', errorCode, errorMessage, trace: trace.map(([ok, text]) => ({ ok, text })) });

describe('decisionReason', () => {
  it('should say nothing of an allowed decision', () => {
    expect(decisionReason({ outcome: 'allowed', errorCode: null, errorMessage: null, trace: [] })).toBeNull();
  });

  it('should name the failed condition, without its statement label or the issuer', () => {
    expect(denied([
      [true, 'statement 0 (Allow): action "sts:AssumeRoleWithWebIdentity" matches Action ["sts:AssumeRoleWithWebIdentity"]'],
      [false, 'statement 0 (Allow): condition StringEquals 127.0.0.1:4599/id/513F4ED0B1FE650416250022A384D1C1:sub: "system:serviceaccount:default:intruder" not in ["system:serviceaccount:default:app"]'],
      [false, 'statement 0 (Allow): does not apply'],
      [false, 'decision: ImplicitDeny (no statement allows the request)'],
      [false, 'answered AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity'],
    ])).toBe('AccessDenied: condition StringEquals …:sub: "system:serviceaccount:default:intruder" not in ["system:serviceaccount:default:app"]');
  });

  it('should shorten every issuer of a step, each where its word starts', () => {
    expect(denied([[false, 'condition StringEquals h/id/513F4ED0:sub: "a" and "h/id/0A1B2C3D:aud"']])).toBe('AccessDenied: condition StringEquals …:sub: "a" and "…:aud"');
  });

  // Unanchored, the issuer pattern scanned a long word again from each of its characters:
  // this step took minutes, and every dashboard render showing it as long.
  it('should read a step holding a 200,000-character word in one pass', () => {
    const word = 'a'.repeat(200_000);
    expect(denied([[false, `token check: ${word}/id/0A1B2C3D:sub`]])).toBe('AccessDenied: token check: …:sub');
    expect(denied([[false, `token check: ${word}`]])).toBe(`AccessDenied: token check: ${word}`);
  });

  it('should keep the label of a Deny statement that applied, and of a named one', () => {
    expect(denied([[null, 'statement 1 (Deny): condition Bool aws:x: "true" in ["true"]'], [false, 'statement 1 (Deny): applies']])).toBe('AccessDenied: statement 1 (Deny): applies');
    expect(denied([[false, 'statement 0 "Pods" (Allow): Service ["pods.eks.amazonaws.com"] does not match Principal {"Service":["ec2.amazonaws.com"]}']], 'AccessDeniedException'))
      .toBe('AccessDeniedException: Service ["pods.eks.amazonaws.com"] does not match Principal {"Service":["ec2.amazonaws.com"]}');
  });

  it('should name a failed token check as it is', () => {
    expect(denied([[false, 'token aud check: aud ["sts"] not in client ids ["sts.amazonaws.com"]']], 'InvalidIdentityToken'))
      .toBe('InvalidIdentityToken: token aud check: aud ["sts"] not in client ids ["sts.amazonaws.com"]');
  });

  it('should drop the EKS Auth request id an agent names, which differs on every retry', () => {
    expect(denied([[false, 'EKS Auth at http://127.0.0.1:4599 answered AccessDeniedException (HTTP 400, request 7b10acc1-b77b-4ad0-adc5-cba3c2af05cc): no']], 'AccessDeniedException'))
      .toBe('AccessDeniedException: EKS Auth at http://127.0.0.1:4599 answered AccessDeniedException (HTTP 400): no');
  });

  it('should fall back on the message, then on the code alone', () => {
    expect(denied([[false, 'answered ValidationError: bad']], 'ValidationError', 'bad')).toBe('ValidationError: bad');
    expect(denied([], 'Forbidden', null)).toBe('Forbidden');
    expect(denied([], null, null)).toBe('denied');
  });
});
