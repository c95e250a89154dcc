/**
 * The managed session policies of an AssumeRole* request (`PolicyArns.member.N.arn`) as the
 * domain takes them: plain ARNs, left out when none were given (STS then reports no
 * PackedPolicySize for them).
 */
export function policyArnsOf(descriptors: readonly { arn?: string }[] | undefined): { PolicyArns?: string[] } {
  const arns = (descriptors ?? []).flatMap((d) => (d.arn === undefined ? [] : [d.arn]));
  return arns.length === 0 ? {} : { PolicyArns: arns };
}
