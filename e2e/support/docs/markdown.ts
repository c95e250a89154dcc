/**
 * The runnable parts of a walkthrough: every ```sh block, with the ```text block that follows
 * it (nothing but blank lines between) as the output it shows. A ```sh block tagged
 * `quick-start` is the README's install-and-run pair, which the CI run itself is; one tagged
 * `docker` needs a Docker engine and runs in the `docker` project (e2e/docker/docs.docker.test.ts).
 */
export interface ShellStep {
  /** 1-based line of the ```sh fence, for messages. */
  line: number;
  commands: string;
  /** The output the page shows, if it shows one. */
  expected?: { text: string; start: number; end: number };
  quickStart: boolean;
  docker: boolean;
}

interface Fence {
  info: string;
  body: string;
  line: number;
  /** Offsets of the body in the page (for rewriting it). */
  start: number;
  end: number;
  /** Offset just after the closing fence. */
  after: number;
}

function fences(page: string): Fence[] {
  const found: Fence[] = [];
  const opening = /^```([^\n`]*)\n/gm;
  for (let match = opening.exec(page); match !== null; match = opening.exec(page)) {
    const start = match.index + match[0].length;
    const close = page.indexOf('\n```', start - 1);
    if (close === -1) throw new Error(`unclosed code block at line ${lineOf(page, match.index)}`);
    const end = close + 1;
    found.push({ info: (match[1] ?? '').trim(), body: page.slice(start, end), line: lineOf(page, match.index), start, end, after: page.indexOf('\n', end) + 1 || page.length });
    opening.lastIndex = found.at(-1)?.after ?? page.length;
  }
  return found;
}

const lineOf = (page: string, offset: number): number => page.slice(0, offset).split('\n').length;

export function shellSteps(page: string): ShellStep[] {
  const all = fences(page);
  const steps: ShellStep[] = [];
  all.forEach((fence, i) => {
    const [language, ...tags] = fence.info.split(/\s+/);
    if (language !== 'sh') return;
    const next = all[i + 1];
    const step: ShellStep = { line: fence.line, commands: fence.body, quickStart: tags.includes('quick-start'), docker: tags.includes('docker') };
    const between = next === undefined ? '' : page.slice(fence.after, next.start - `\`\`\`${next.info}\n`.length);
    if (next !== undefined && next.info === 'text' && between.trim() === '') {
      step.expected = { text: next.body, start: next.start, end: next.end };
    }
    steps.push(step);
  });
  return steps;
}
