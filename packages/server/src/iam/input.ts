import { parseQueryInput, iamShapes } from '@eksid/core';
import type { IamInputs, PageRequest, QueryParams } from '@eksid/core';

/** An IAM action's input, read and checked as botocore's iam/2010-05-08 model states it. */
export function iamInput<K extends keyof IamInputs>(operation: K, params: QueryParams): IamInputs[K] {
  return parseQueryInput(iamShapes, operation, params);
}

/** Marker and MaxItems, which every paginated List* input carries. */
export function pageOf(input: { Marker?: string; MaxItems?: number }): PageRequest {
  return { marker: input.Marker, maxItems: input.MaxItems };
}
