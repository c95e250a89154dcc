import type { DecisionEvent } from '@eksid/core';
import { describe, expect, it } from 'vitest';
import { decisionRow, decisionRows, shortArn } from './decisions.js';
import { groupDecisions } from './groups.js';
import { DEMO_ROLE_ARN, allowedDecision, deniedDecision, stored } from './test-support.js';

const ROLE = DEMO_ROLE_ARN;
const decisionEvent = (overrides: Partial<DecisionEvent> = {}): DecisionEvent => stored(overrides.id ?? 1, allowedDecision(overrides));
const denied = stored(2, deniedDecision());
const noHints = () => [];
/** The row of one decision alone. */
const row = (event: DecisionEvent, hints: readonly string[] = []) => decisionRow(groupDecisions([event])[0]!, () => hints).text;

describe('decisionRow', () => {
  it('should mark a denied row with its class, the word DENIED, and its reason on a line of its own', () => {
    const text = row(denied);
    expect(text).toMatch(/^<li class="decision denied" id="decision-2" data-id="2" data-group="[\w-]{22}" data-count="1" data-outcome="denied">/);
    expect(text).toContain('<span class="verdict">DENIED</span>');
    expect(text).toContain('<span class="reason" title="aud &quot;sts&quot; not in client ids [&quot;sts.amazonaws.com&quot;]"><span class="code">AccessDenied</span>: aud &quot;sts&quot; not in client ids [&quot;sts.amazonaws.com&quot;]</span></summary>');
    expect(text).toContain('<p class="message">Not authorized to perform sts:AssumeRoleWithWebIdentity</p>');
  });

  it('should give a refusal without a failed step its error code alone', () => {
    expect(row(stored(3, deniedDecision({ trace: [], errorMessage: null })))).toContain('<span class="reason"><span class="code">AccessDenied</span></span>');
  });

  it('should mark an allowed row ALLOWED with no error code, reason or message', () => {
    const text = row(decisionEvent());
    expect(text).toContain('<span class="verdict">ALLOWED</span>');
    for (const absent of ['class="code"', 'class="reason"', 'class="message"', 'class="hints"']) expect(text).not.toContain(absent);
  });

  it('should list a denied decision\'s hints after its trace', () => {
    expect(row(denied, ['use StringLike', '<b>escaped</b>'])).toContain(
      '</ol>\n<ul class="hints"><li><strong>hint:</strong> use StringLike</li><li><strong>hint:</strong> &lt;b&gt;escaped&lt;/b&gt;</li></ul>',
    );
  });

  it('should put the trace in a details element, each line marked passed, failed or fact', () => {
    const text = row(decisionEvent({ trace: [{ ok: true, text: 'a' }, { ok: false, text: 'b' }, { ok: null, text: 'c' }] }));
    expect(text).toContain('<details>');
    expect(text).toContain(
      '<ol class="trace"><li class="passed"><span class="mark" aria-label="passed">✓</span> a</li><li class="failed"><span class="mark" aria-label="failed">✗</span> b</li><li class="fact"><span class="mark" aria-label="fact">·</span> c</li></ol>',
    );
  });

  it('should name the service account, the role and the time in the summary, and hide the count of a single decision', () => {
    const text = row(decisionEvent());
    expect(text).toContain(`<span class="who">default/app</span> <span class="arrow">→</span> <span class="role" title="${ROLE}">role/demo-app</span>`);
    expect(text).toContain('<span class="repeat" title="identical decisions; the latest is shown" hidden>×1</span>');
    expect(text).toContain('<time datetime="2026-03-01T12:00:05.000Z">12:00:05 UTC</time>');
  });

  it('should name the caller when no service account is known', () => {
    expect(row(decisionEvent({ namespace: null, serviceAccount: null, caller: 'arn:aws:sts::000000000000:assumed-role/a/s' }))).toContain('<span class="who">assumed-role/a/s</span>');
  });

  it('should list the facts and the detail, leaving out unknown ones', () => {
    const text = row(decisionEvent({ cluster: null }));
    expect(text).toContain('<dt>source</dt><dd>sts</dd>');
    expect(text).toContain('<dt>accessKeyId</dt><dd>ASIAEXAMPLE</dd><dt>sessionDuration</dt><dd>3600</dd>');
    expect(text).not.toContain('<dt>cluster</dt>');
  });
});

describe('decisionRows', () => {
  it('should render newest first', () => {
    const rows = decisionRows([decisionEvent(), denied], noHints).text;
    expect(rows.indexOf('data-id="2"')).toBeLessThan(rows.indexOf('data-id="1"'));
  });

  it('should show identical decisions as one row with their count, at the latest one\'s place, time and trace', () => {
    const at = (id: number, second: number) => stored(id, deniedDecision({ time: new Date(`2026-03-01T12:00:0${second}Z`), trace: [{ ok: false, text: 'aud "sts" not in client ids' }, { ok: null, text: `try ${id}` }] }));
    const rows = decisionRows([at(1, 1), decisionEvent({ id: 2 }), at(3, 2), at(4, 3)], noHints).text;
    const ids = [...rows.matchAll(/data-id="(\d+)"[^>]*data-count="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(ids).toEqual([[4, 3], [2, 1]]);
    expect(rows).toContain('<span class="repeat" title="identical decisions; the latest is shown">×3</span>\n<time datetime="2026-03-01T12:00:03.000Z">');
    expect(rows).toContain('try 4');
    expect(rows).not.toContain('try 1');
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
