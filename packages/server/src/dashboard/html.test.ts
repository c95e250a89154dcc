import { describe, expect, it } from 'vitest';
import { Html, escapeHtml, html } from './html.js';

describe('escapeHtml', () => {
  it('should escape the five characters that can end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('should leave other text alone, non-ASCII included', () => {
    expect(escapeHtml('role/demo-app ✓ → ünïcode')).toBe('role/demo-app ✓ → ünïcode');
  });
});

describe('html', () => {
  it('should escape interpolated strings and numbers', () => {
    expect(html`<td title="${'"x"'}">${'<script>alert(1)</script>'} ${42}</td>`.text).toBe('<td title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt; 42</td>');
  });

  it('should keep nested html fragments as markup and escape only their values', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.text).toBe('<p><b>&lt;i&gt;</b></p>');
  });

  it.each([
    ['null', null, '<p></p>'],
    ['undefined', undefined, '<p></p>'],
    ['an array', ['<', html`<br>`, 1], '<p>&lt;<br>1</p>'],
    ['a nested array', [['a', ['&']]], '<p>a&amp;</p>'],
  ])('should render %s', (_case, value, expected) => {
    expect(html`<p>${value}</p>`.text).toBe(expected);
  });

  it('should return Html whose string form is its text', () => {
    const out = html`<p>${'x'}</p>`;
    expect(out).toBeInstanceOf(Html);
    expect(String(out)).toBe('<p>x</p>');
  });
});
