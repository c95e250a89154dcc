import { describe, expect, it } from 'vitest';
import type { JsonPatchOp } from '../mutate/index.js';
import { admissionResponseJson, parseAdmissionReview } from './admission.js';

const review = (uid: string, apiVersion = 'admission.k8s.io/v1') =>
  parseAdmissionReview({ apiVersion, kind: 'AdmissionReview', request: { uid, kind: { kind: 'Pod' }, operation: 'CREATE', object: {} } });
const PATCH: JsonPatchOp[] = [{ op: 'add', path: '/metadata/labels', value: { 'eks.amazonaws.com/pod-identity': 'enabled' } }];

describe('admissionResponseJson', () => {
  it.each([
    ['with a patch', 'admission.k8s.io/v1', PATCH, { patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(PATCH)).toString('base64') }],
    ['without a patch', 'admission.k8s.io/v1beta1', undefined, {}],
  ] as const)('should be the text JSON.stringify gives the review, %s', (_name, apiVersion, patch, patchFields) => {
    const uid = 'u-"quoted"\\é';
    expect(admissionResponseJson(review(uid, apiVersion), patch as JsonPatchOp[] | undefined)).toBe(
      JSON.stringify({ apiVersion, kind: 'AdmissionReview', response: { uid, allowed: true, ...patchFields } }),
    );
  });
});
