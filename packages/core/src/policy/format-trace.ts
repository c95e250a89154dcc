import type { Relation } from './conditions/operator.js';
import { OPERATORS } from './conditions/operators.js';
import type { PatternList, Principal, PrincipalClause, StatementRef, TraceEntry } from './types.js';

const quote = (value: string): string => JSON.stringify(value);
const list = (values: readonly string[]): string => `[${values.map(quote).join(', ')}]`;

// Parsed policies are cached and never changed (parse-cached.ts): the value lists they own (an
// Action, a Resource, a condition's values) are worded once, not on every credential request.
// Lists from the request (the caller's identifiers, request values) are fresh each time.
const policyLists = new WeakMap<readonly string[], string>();
const policyList = (values: readonly string[]): string => remembered(policyLists, values, list);

/** `map`'s text for `key`, worded by `word` the first time. */
function remembered<K extends object>(map: WeakMap<K, string> | Map<K, string>, key: K, word: (key: K) => string): string {
  let text = map.get(key);
  if (text === undefined) {
    text = word(key);
    map.set(key, text);
  }
  return text;
}

function statementLabel(ref: StatementRef): string {
  const policy = ref.policy === undefined ? '' : `policy ${ref.policy} `;
  const sid = ref.sid ? ` ${quote(ref.sid)}` : '';
  return `${policy}statement ${ref.index}${sid} (${ref.effect})`;
}

/** For NotAction/NotResource, "matches" would mislead: say whether the value is listed. */
function patternVerdict(name: string, clause: PatternList, matched: boolean): string {
  if (clause.negated) return `${matched ? 'is not listed in' : 'is listed in'} Not${name} ${policyList(clause.values)}`;
  return `${matched ? 'matches' : 'does not match'} ${name} ${policyList(clause.values)}`;
}

function caller(principal: Principal | undefined): string {
  if (principal === undefined) return 'an anonymous caller';
  return `${principal.type} ${list(principal.identifiers)}${principal.accountId ? ` of account ${principal.accountId}` : ''}`;
}

// Clauses belong to parsed policies, which are cached and never changed (parse-cached.ts):
// each is worded once, not on every credential request.
const clauseTexts = new WeakMap<PrincipalClause, string>();
function principalClause(clause: PrincipalClause): string {
  return remembered(clauseTexts, clause, (c) => `${c.negated ? 'NotPrincipal' : 'Principal'} ${JSON.stringify(c.element)}`);
}

const PHRASES: Readonly<Record<Relation, readonly [string, string]>> = {
  in: ['in', 'not in'],
  like: ['matches one of', 'matches none of'],
  '<': ['< one of', 'not < any of'],
  '<=': ['<= one of', 'not <= any of'],
  '>': ['> one of', 'not > any of'],
  '>=': ['>= one of', 'not >= any of'],
};

/** The phrase states the fact behind the result: for a negated operator, "in" is why it failed. */
function conditionSentence(entry: Extract<TraceEntry, { kind: 'condition' }>): string {
  const head = `condition ${entry.operator} ${entry.key}`;
  const verdict = entry.result ? 'true' : 'false';
  if (entry.requestValues === 'missing') return `${head}: key missing, ${policyList(entry.policyValues)} → ${verdict}`;
  if (entry.base === 'Null') return `${head}: key present, ${policyList(entry.policyValues)} → ${verdict}`;
  if (entry.multivalued) return `${head}: ${list(entry.requestValues)} against ${policyList(entry.policyValues)} → ${verdict}`;
  const spec = OPERATORS[entry.base];
  const [yes, no] = PHRASES[spec.relation];
  const positiveHeld = spec.negated ? !entry.result : entry.result;
  return `${head}: ${quote(entry.requestValues[0] ?? '')} ${positiveHeld ? yes : no} ${policyList(entry.policyValues)}`;
}

function sentence(entry: TraceEntry, label: (ref: StatementRef) => string): string {
  switch (entry.kind) {
    case 'action':
      return `${label(entry.statement)}: action ${quote(entry.action)} ${patternVerdict('Action', entry.patterns, entry.matched)}`;
    case 'resource':
      return `${label(entry.statement)}: resource ${entry.resource === undefined ? '(none)' : quote(entry.resource)} ${patternVerdict('Resource', entry.patterns, entry.matched)}`;
    case 'principal':
      return `${label(entry.statement)}: ${caller(entry.caller)} ${entry.matched ? 'matches' : 'does not match'} ${principalClause(entry.clause)}`;
    case 'condition':
      return `${label(entry.statement)}: ${conditionSentence(entry)}`;
    case 'statement':
      return `${label(entry.statement)}: ${entry.applies ? 'applies' : 'does not apply'}`;
    case 'decision':
      if (entry.decidedBy === undefined) return `decision: ImplicitDeny (no statement allows the request)`;
      return `decision: ${entry.effect} by ${label(entry.decidedBy)}`;
  }
}

/** One readable line per trace entry, e.g. for telling a user why a trust policy refused them. */
export function formatTrace(trace: readonly TraceEntry[]): string[] {
  // Every step of a statement names it alike (a trust policy trace is on each credential
  // request's path): each statement is labelled once.
  const labels = new Map<StatementRef, string>();
  const labelOnce = (ref: StatementRef): string => {
    let text = labels.get(ref);
    if (text === undefined) {
      text = statementLabel(ref);
      labels.set(ref, text);
    }
    return text;
  };
  // A trust policy asked for several actions repeats one statement's principal and condition
  // steps as the same objects (evaluate.ts StatementMemo): each is worded once.
  const worded = new Map<TraceEntry, string>();
  return trace.map((entry) => remembered(worded, entry, (e) => sentence(e, labelOnce)));
}
