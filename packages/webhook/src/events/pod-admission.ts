import type { AssociationFacts } from '../identities/index.js';
import { mutatePod } from '../mutate/index.js';
import type { MutationSettings, Pod, PodMutation, RandomInt } from '../mutate/index.js';
import type { Annotations } from '../mutate/service-account.js';

export interface PodAdmissionInput {
  uid: string;
  pod: Pod;
  namespace: string;
  serviceAccount: string;
  serviceAccountAnnotations: Annotations | undefined;
  /** Set when a source knows a Pod Identity association for the service account. */
  association: AssociationFacts | 'unnamed' | undefined;
  /** What randomInt returned while the pod was mutated (the token lifetime's jitter), if it was called. */
  draw: number | undefined;
}

/**
 * What the handler keeps of one pod creation it answered, until the reporter builds its audit
 * record (later, in a batch): what the decision was made from, never what the mutation
 * allocated, in a class instance rather than an object literal. Why: the reporter holds its
 * first thousand decisions at once (its burst), which convinces V8 that objects from the
 * allocation sites they came from live long, and it then allocates from those sites straight
 * into the old generation ("pretenuring"), for good. Every later request's patch and
 * credentials did, and pinned its young objects there too: far more promoted per scavenge, a
 * growing old generation and its mark-compacts (docs/performance.md).
 * Parsed JSON and class instances have no allocation site. The record replays the mutation from
 * the same inputs and draw, which gives the same credentials and patch.
 */
export class PodAdmission {
  readonly uid: string;
  readonly pod: Pod;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly serviceAccountAnnotations: Annotations | undefined;
  readonly association: AssociationFacts | 'unnamed' | undefined;
  readonly draw: number | undefined;

  constructor(input: PodAdmissionInput) {
    this.uid = input.uid;
    this.pod = input.pod;
    this.namespace = input.namespace;
    this.serviceAccount = input.serviceAccount;
    this.serviceAccountAnnotations = input.serviceAccountAnnotations;
    this.association = input.association;
    this.draw = input.draw;
  }

  /** The mutation the pod got (undefined: admitted unchanged), computed again. */
  mutation(settings: MutationSettings): PodMutation | undefined {
    const { draw } = this;
    const randomInt: RandomInt = () => {
      if (draw === undefined) throw new TypeError('the replayed mutation drew a number the admission did not');
      return draw;
    };
    return mutatePod({
      pod: this.pod,
      serviceAccountAnnotations: this.serviceAccountAnnotations,
      podIdentityAssociation: this.association !== undefined,
      settings,
      randomInt,
    });
  }
}
