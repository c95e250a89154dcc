/**
 * The awsQuery actions (IAM, STS) an eksid process lacks. An unsigned call to an action no
 * service has answers InvalidAction before anything else is checked (protocols/aws-query.ts),
 * so one bare call per action tells, whatever the call would need to succeed.
 */
export async function missingQueryActions(url: string, actions: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const action of actions) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: action, Version: '2010-05-08' }).toString(),
    });
    if ((await res.text()).includes('<Code>InvalidAction</Code>')) missing.push(action);
  }
  return missing;
}

/** True (skip) with one loud line when eksid lacks any of the actions a gated suite calls. */
export function warnIfActionsMissing(suite: string, missing: readonly string[]): boolean {
  if (missing.length > 0) console.warn(`\n!!! e2e: eksid lacks ${missing.join(', ')}: "${suite}" is SKIPPED until they exist\n`);
  return missing.length > 0;
}
