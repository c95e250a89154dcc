// `@eksid/core/audit-client`: what a process that reports decisions to eksid needs (the node
// agent, the webhook, the testcontainers module), without the rest of core: core's main door
// opens the SQLite store, a native addon those processes never use. The import graph of this
// file is checked in audit-client.test.ts.
export type { DecisionEventInput, DecisionOutcome, DecisionSource, TraceLine } from './audit/types.js';
export { DecisionDraft, serviceAccountOfSubject } from './audit/decision-draft.js';
export { DecisionReporter } from './audit/reporter.js';
export type { DecisionReporterOptions, ReporterStats, SendDecisions } from './audit/reporter-types.js';
export { DECISION_EVENTS_PATH, decisionEventsBody, decisionEventsFailure } from './audit/ingest-request.js';
export { parseArn, roleArn } from './ids/arn.js';
