import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import type { EksContext } from '../eks/index.js';
import { Store } from '../store/index.js';
import { applyDocument } from './apply.js';
import { parseApplyDocument } from './parse-document.js';

const ROLE = 'arn:aws:iam::000000000000:role/pod';

function doc(association: Record<string, unknown>): Record<string, unknown> {
  return {
    clusters: [{ name: 'demo' }],
    roles: [{ name: 'pod', trustPolicy: { podIdentity: { cluster: 'demo' } } }, { name: 'pod2', path: '/team/', trustPolicy: { podIdentity: {} } }],
    podIdentityAssociations: [{ cluster: 'demo', serviceAccount: 'app', role: 'pod', ...association }],
  };
}

const stores: Store[] = [];
function context(): EksContext {
  const store = Store.open(':memory:');
  stores.push(store);
  return { store, deps: { clock: new FixedClock('2026-01-01T00:00:00Z'), random: systemRandom }, config: coreConfig() };
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const apply = async (ctx: EksContext, raw: unknown) => applyDocument(ctx, parseApplyDocument(raw));
const stored = (ctx: EksContext) => ctx.store.podIdentityAssociations.forServiceAccount('000000000000', 'demo', 'default', 'app');

describe('applyDocument podIdentityAssociations', () => {
  it('should create an association for a role named in the document, then leave it unchanged', async () => {
    const ctx = context();
    const first = await apply(ctx, doc({ tags: { team: 'a' } }));
    expect(first.changes.at(-1)).toEqual({ kind: 'podIdentityAssociation', name: 'demo/default/app', action: 'created' });
    expect(stored(ctx)).toMatchObject({ roleArn: ROLE, namespace: 'default', tags: { team: 'a' }, disableSessionTags: false, targetRoleArn: null });
    const second = await apply(ctx, doc({ tags: { team: 'a' } }));
    expect(second.changes.at(-1)).toMatchObject({ action: 'unchanged' });
  });

  it('should converge the role, target role, session tags switch and tags through the EKS actions', async () => {
    const ctx = context();
    await apply(ctx, doc({}));
    const id = stored(ctx)?.associationId;
    const target = 'arn:aws:iam::222233334444:role/target';
    const summary = await apply(ctx, doc({ role: 'pod2', targetRole: target, disableSessionTags: true, tags: { x: 'y' } }));
    expect(summary.changes.at(-1)).toEqual({ kind: 'podIdentityAssociation', name: 'demo/default/app', action: 'updated', details: ['roleArn', 'targetRoleArn', 'disableSessionTags', 'tags'] });
    expect(stored(ctx)).toMatchObject({
      associationId: id, roleArn: 'arn:aws:iam::000000000000:role/team/pod2', targetRoleArn: target, externalId: 'us-east-1/000000000000/demo/default/app', disableSessionTags: true, tags: { x: 'y' },
    });
    await apply(ctx, doc({}));
    expect(stored(ctx)).toMatchObject({ roleArn: ROLE, targetRoleArn: null, externalId: null, disableSessionTags: false, tags: {} });
  });

  it.each([
    [{ role: 'ghost' }, "podIdentityAssociations[0].role: no role named 'ghost'"],
    [{ role: 'arn:aws:iam::000000000000:role/ghost' }, 'podIdentityAssociations[0]: Role provided in the request does not exist'],
    [{ cluster: 'ghost' }, "podIdentityAssociations[0].cluster: no cluster named 'ghost'"],
    [{ namespace: 'Bad' }, "podIdentityAssociations[0].namespace: 'Bad' is not a valid namespace"],
    [{ disableSessionTags: 'yes' }, 'podIdentityAssociations[0].disableSessionTags: expected true or false'],
    [{ roleArn: ROLE }, 'podIdentityAssociations[0].roleArn: unknown field'],
  ])('should refuse %j naming the path', async (association, message) => {
    await expect(apply(context(), doc(association))).rejects.toThrow(message);
  });

  it('should refuse the same service account twice', () => {
    const raw = doc({});
    raw['podIdentityAssociations'] = [{ cluster: 'demo', serviceAccount: 'app', role: 'pod' }, { cluster: 'demo', serviceAccount: 'app', role: 'pod2' }];
    expect(() => parseApplyDocument(raw)).toThrow('podIdentityAssociations[1]');
  });
});
