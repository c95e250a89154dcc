/** A place in a policy's text as IAM's simulator reports it: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/**
 * Where each statement object of a policy's text lies, in Statement order. IAM reports the
 * column just past the statement's `{` and just past its `}`: for the document
 * `{"Version":"2012-10-17","Statement":{"Effect":"Allow",…}}` (167 characters) it answers
 * StartPosition {Line 1, Column 38} and EndPosition {Line 1, Column 167} (aws-cli's example
 * awscli/examples/iam/simulate-custom-policy.rst), i.e. a Jackson-style location after the
 * token. Lines count `\n`. The text must already be valid JSON (parsePolicyDocument checked it);
 * as in JSON.parse, the last of duplicate "Statement" keys wins.
 */
export function statementSpans(text: string): Span[] {
  const scanner = new Scanner(text);
  let spans: Span[] = [];
  scanner.skipSpace();
  scanner.expect('{');
  for (;;) {
    scanner.skipSpace();
    if (scanner.peek() === '}') break;
    const key = scanner.string();
    scanner.skipSpace();
    scanner.expect(':');
    scanner.skipSpace();
    if (key === 'Statement') spans = scanner.peek() === '[' ? scanner.objectsOfArray() : [scanner.objectSpan()];
    else scanner.value();
    scanner.skipSpace();
    if (scanner.peek() === ',') scanner.expect(',');
  }
  return spans;
}

class Scanner {
  private index = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  peek(): string {
    return this.text.charAt(this.index);
  }

  /** The position just past the character at the current index, once it is consumed. */
  private after(): Position {
    return { line: this.line, column: this.index - this.lineStart + 2 };
  }

  private advance(): void {
    if (this.text.charAt(this.index) === '\n') {
      this.line++;
      this.lineStart = this.index + 1;
    }
    this.index++;
  }

  expect(char: string): void {
    if (this.peek() !== char) throw new TypeError(`statementSpans: expected ${char} at ${this.index}`);
    this.advance();
  }

  skipSpace(): void {
    while (/\s/.test(this.peek()) && this.index < this.text.length) this.advance();
  }

  string(): string {
    const from = this.index;
    this.expect('"');
    while (this.peek() !== '"') {
      if (this.peek() === '\\') this.advance();
      this.advance();
    }
    this.advance();
    return JSON.parse(this.text.slice(from, this.index)) as string;
  }

  objectSpan(): Span {
    const start = this.after();
    let end = start;
    this.container('{', '}', (pos) => (end = pos));
    return { start, end };
  }

  objectsOfArray(): Span[] {
    const spans: Span[] = [];
    this.expect('[');
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === ']') break;
      if (c === '{') spans.push(this.objectSpan());
      else this.value();
      this.skipSpace();
      if (this.peek() === ',') this.advance();
    }
    this.advance();
    return spans;
  }

  value(): void {
    const c = this.peek();
    if (c === '"') this.string();
    else if (c === '{') this.container('{', '}');
    else if (c === '[') this.container('[', ']');
    else while (this.index < this.text.length && !/[\s,}\]]/.test(this.peek())) this.advance();
  }

  /** Skips a whole object or array, strings inside included; `onClose` gets the position past its closing bracket. */
  private container(open: string, close: string, onClose?: (end: Position) => void): void {
    let depth = 0;
    do {
      const c = this.peek();
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === open || c === (open === '{' ? '[' : '{')) depth++;
      if (c === close || c === (close === '}' ? ']' : '}')) depth--;
      if (depth === 0) onClose?.(this.after());
      this.advance();
    } while (depth > 0 && this.index < this.text.length);
  }
}
