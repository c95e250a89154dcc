import { AwsError, InvalidRequestError, assumeRoleForPodIdentity } from '@eksid/core';
import type { AssumeRoleForPodIdentityOutput } from '@eksid/core';
import { Router } from 'express';
import type { Request } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody, restJson } from '../protocols/rest-json.js';
import { sourceIpOf } from '../protocols/request-id.js';
import { recordDecision } from '../record-decision.js';
import { parseAssumeRoleForPodIdentityInput } from './assume-role-for-pod-identity.js';

/**
 * The body as JSON. EKS Auth models no SerializationException (botocore eks-auth/2023-11-26
 * service-2.json lists AccessDenied, InvalidParameter, InvalidRequest, InvalidToken,
 * ExpiredToken, ResourceNotFound, Throttling, InternalServer, ServiceUnavailable), so an
 * unreadable body is an InvalidRequestException here.
 */
function eksAuthBody(req: Request): unknown {
  try {
    return jsonBody(req);
  } catch (e) {
    if (e instanceof AwsError && e.code === 'SerializationException') throw new InvalidRequestError(e.message);
    throw e;
  }
}

/** rest-json timestamps are epoch seconds on the wire (M-auth `Timestamp`; the SDKs reject ISO strings there). */
function wire(out: AssumeRoleForPodIdentityOutput): unknown {
  return { ...out, credentials: { ...out.credentials, expiration: out.credentials.expiration.getTime() / 1000 } };
}

/**
 * EKS Auth (rest-json, signing name eks-auth): POST /clusters/{clusterName}/assume-role-for-pod-identity.
 * Mounted before the EKS routes, which share the /clusters prefix. The node agent signs with
 * its node role; eksid accepts any signer here as it does for IAM (lenient mode).
 */
export function eksAuthRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.post(
    '/:name/assume-role-for-pod-identity',
    restJson(ctx, (req) => {
      const sourceIp = sourceIpOf(req);
      return recordDecision(ctx, 'eks-auth', 'AssumeRoleForPodIdentity', sourceIp, async (scoped, draft) => {
        const name = String(req.params['name']);
        // Named even when the request fails validation; cut to the API's 100-character bound.
        draft.about({ cluster: name.slice(0, 100) });
        const input = parseAssumeRoleForPodIdentityInput(name, eksAuthBody(req) ?? {});
        const out = await assumeRoleForPodIdentity(scoped, input, { sessionSeconds: ctx.podIdentitySessionSeconds, sourceIp });
        draft.detail['accessKeyId'] = out.credentials.accessKeyId;
        draft.detail['assumedRoleArn'] = out.assumedRoleUser.arn;
        return wire(out);
      });
    }),
  );
  return router;
}
