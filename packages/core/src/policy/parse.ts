import { PolicySyntaxError } from './errors.js';
import { parseStatement } from './parse-statement.js';
import { isRecord, SYNTAX_ERRORS } from './parse-values.js';
import type { PolicyDocument, PolicyKind, PolicyVersion } from './types.js';

const TOP_LEVEL: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);

// A document without Version is read as 2008-10-17 (reference_policies_elements_version.html).
function parseVersion(raw: unknown): PolicyVersion {
  if (raw === undefined) return '2008-10-17';
  if (raw === '2012-10-17' || raw === '2008-10-17') return raw;
  throw new PolicySyntaxError(SYNTAX_ERRORS);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PolicySyntaxError(SYNTAX_ERRORS);
  }
}

/** Parses and validates a policy as IAM does on input; throws PolicySyntaxError with IAM's wording. */
export function parsePolicyDocument(text: string, kind: PolicyKind): PolicyDocument {
  const raw = parseJson(text);
  if (!isRecord(raw) || Object.keys(raw).some((field) => !TOP_LEVEL.has(field))) throw new PolicySyntaxError(SYNTAX_ERRORS);
  const version = parseVersion(raw.Version);
  if (raw.Id !== undefined && typeof raw.Id !== 'string') throw new PolicySyntaxError(SYNTAX_ERRORS);
  const list = isRecord(raw.Statement) ? [raw.Statement] : raw.Statement;
  if (!Array.isArray(list) || list.length === 0) throw new PolicySyntaxError(SYNTAX_ERRORS);
  const statements = list.map((statement, index) => parseStatement(statement, index, kind, version));
  const sids = statements.flatMap((s) => (s.sid ? [s.sid] : []));
  if (new Set(sids).size !== sids.length) throw new PolicySyntaxError('Statement IDs (SID) in a single policy must be unique.');
  return { kind, version, id: raw.Id, statements };
}
