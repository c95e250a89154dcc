import type { DecisionEvent } from '@eksid/core';
import { describe, expect, it } from 'vitest';
import { decisionRow, decisionRows, shortArn } from './decisions.js';
import { DEMO_ROLE_ARN, allowedDecision, deniedDecision, stored } from './test-support.js';

const ROLE = DEMO_ROLE_ARN;
const decisionEvent = (overrides: Partial<DecisionEvent> = {}): DecisionEvent => stored(overrides.id ?? 1, allowedDecision(overrides));
const denied = stored(2, deniedDecision());

describe('decisionRow', () => {
  it('should mark a denied row with its class, the word DENIED and the error code', () => {
    const row = decisionRow(denied).text;
    expect(row).toMatch(/^<li class="decision denied" id="decision-2" data-id="2" data-outcome="denied">/);
    expect(row).toContain('<span class="verdict">DENIED</span> <span class="code">AccessDenied</span>');
    expect(row).toContain('<p class="message">Not authorized to perform sts:AssumeRoleWithWebIdentity</p>');
  });

  it('should mark an allowed row ALLOWED with no error code or message', () => {
    const row = decisionRow(decisionEvent()).text;
    expect(row).toContain('<span class="verdict">ALLOWED</span>');
    expect(row).not.toContain('class="code"');
    expect(row).not.toContain('class="message"');
  });

  it('should put the trace in a details element, each line marked passed, failed or fact', () => {
    const row = decisionRow(decisionEvent({ trace: [{ ok: true, text: 'a' }, { ok: false, text: 'b' }, { ok: null, text: 'c' }] })).text;
    expect(row).toContain('<details>');
    expect(row).toContain(
      '<ol class="trace"><li class="passed"><span class="mark" aria-label="passed">✓</span> a</li><li class="failed"><span class="mark" aria-label="failed">✗</span> b</li><li class="fact"><span class="mark" aria-label="fact">·</span> c</li></ol>',
    );
  });

  it('should name the service account, the role and the time in the summary', () => {
    const row = decisionRow(decisionEvent()).text;
    expect(row).toContain(`<span class="who">default/app</span> <span class="arrow">→</span> <span class="role" title="${ROLE}">role/demo-app</span>`);
    expect(row).toContain('<time datetime="2026-03-01T12:00:05.000Z">12:00:05 UTC</time>');
  });

  it('should name the caller when no service account is known', () => {
    const row = decisionRow(decisionEvent({ namespace: null, serviceAccount: null, caller: 'arn:aws:sts::000000000000:assumed-role/a/s' })).text;
    expect(row).toContain('<span class="who">assumed-role/a/s</span>');
  });

  it('should list the facts and the detail, leaving out unknown ones', () => {
    const row = decisionRow(decisionEvent({ cluster: null })).text;
    expect(row).toContain('<dt>source</dt><dd>sts</dd>');
    expect(row).toContain('<dt>accessKeyId</dt><dd>ASIAEXAMPLE</dd><dt>sessionDuration</dt><dd>3600</dd>');
    expect(row).not.toContain('<dt>cluster</dt>');
  });
});

describe('decisionRows', () => {
  it('should render newest first', () => {
    const rows = decisionRows([decisionEvent(), denied]).text;
    expect(rows.indexOf('data-id="2"')).toBeLessThan(rows.indexOf('data-id="1"'));
  });
});

describe('shortArn', () => {
  it.each([
    [ROLE, 'role/demo-app'],
    ['arn:aws:iam::000000000000:role/path/x', 'role/path/x'],
    ['arn:aws:sts::000000000000:assumed-role/a/s', 'assumed-role/a/s'],
    ['not-an-arn', 'not-an-arn'],
    ['arn:aws:iam::000000000000:', 'arn:aws:iam::000000000000:'],
  ])('should shorten %s to %s', (arn, short) => {
    expect(shortArn(arn)).toBe(short);
  });
});
