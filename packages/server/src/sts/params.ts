import { optionalInteger, optionalString, stringList, structList } from '@eksid/core';
import type { QueryParams, Tag } from '@eksid/core';
import { DURATION, MAX_POLICY_ARNS, MAX_TAGS, RULES } from './validate.js';
import type { Violations } from './validate.js';

/** The parameters AssumeRole and AssumeRoleWithWebIdentity share, checked against the STS model. */
export interface CommonRoleParams {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number;
  PolicyArns?: string[];
}

export function readCommonRoleParams(params: QueryParams, v: Violations): CommonRoleParams {
  const RoleArn = v.required(optionalString(params, 'RoleArn'), 'roleArn', RULES.arn);
  const RoleSessionName = v.required(optionalString(params, 'RoleSessionName'), 'roleSessionName', RULES.roleSessionName);
  const DurationSeconds = optionalInteger(params, 'DurationSeconds');
  v.range(DurationSeconds, 'durationSeconds', DURATION.min, DURATION.max);
  const PolicyArns = readPolicyArns(params, v);
  return {
    RoleArn,
    RoleSessionName,
    ...(DurationSeconds === undefined ? {} : { DurationSeconds }),
    ...(PolicyArns.length === 0 ? {} : { PolicyArns }),
  };
}

/** `PolicyArns.member.N.arn` (policyDescriptorListType). */
function readPolicyArns(params: QueryParams, v: Violations): string[] {
  const entries = structList(params, 'PolicyArns', ['arn']);
  v.listLength(entries, 'policyArns', MAX_POLICY_ARNS, `[${entries.map((e) => `PolicyDescriptorType(arn=${e['arn'] ?? 'null'})`).join(', ')}]`);
  return entries.flatMap((entry, i) => {
    const arn = entry['arn'];
    v.string(arn, `policyArns.${i + 1}.member.arn`, RULES.arn);
    return arn === undefined ? [] : [arn];
  });
}

/** `Tags.member.N.Key` / `.Value` and `TransitiveTagKeys.member.N` (tagListType, tagKeyListType). */
export function readTags(params: QueryParams, v: Violations): { Tags: Tag[]; TransitiveTagKeys: string[] } {
  const entries = structList(params, 'Tags', ['Key', 'Value']);
  v.listLength(entries, 'tags', MAX_TAGS, `[${entries.map((e) => `Tag(key=${e['Key'] ?? 'null'}, value=${e['Value'] ?? 'null'})`).join(', ')}]`);
  const Tags = entries.map((entry, i): Tag => {
    const member = `tags.${i + 1}.member`;
    const Key = v.required(entry['Key'], `${member}.key`, RULES.tagKey);
    const Value = v.required(entry['Value'], `${member}.value`, RULES.tagValue);
    return { Key, Value };
  });
  const TransitiveTagKeys = stringList(params, 'TransitiveTagKeys');
  v.listLength(TransitiveTagKeys, 'transitiveTagKeys', MAX_TAGS, `[${TransitiveTagKeys.join(', ')}]`);
  TransitiveTagKeys.forEach((key, i) => v.string(key, `transitiveTagKeys.${i + 1}.member`, RULES.tagKey));
  return { Tags, TransitiveTagKeys };
}
