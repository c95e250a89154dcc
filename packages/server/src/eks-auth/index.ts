import { AwsError, InvalidRequestError, assumeRoleForPodIdentity, parseAssumeRoleForPodIdentityInput } from '@eksid/core';
import type { AssumeRoleForPodIdentityOutput } from '@eksid/core';
import { performance } from 'node:perf_hooks';
import { Router } from 'express';
import type { ServerContext } from '../context.js';
import type { RequestDurations, RouteSeries } from '../metrics/request-durations.js';
import { expressBody } from '../protocols/fast-routes.js';
import type { FastRoute, RawEndpoint } from '../protocols/fast-routes.js';
import { answerRestJson, parseJsonBody } from '../protocols/rest-json.js';
import { identifyRestJsonCaller } from '../protocols/rest-json-auth.js';
import { sourceIpOf } from '../protocols/request-id.js';
import { recordDecision } from '../record-decision.js';

/**
 * The body as JSON. EKS Auth models no SerializationException (botocore eks-auth/2023-11-26
 * service-2.json lists AccessDenied, InvalidParameter, InvalidRequest, InvalidToken,
 * ExpiredToken, ResourceNotFound, Throttling, InternalServer, ServiceUnavailable), so an
 * unreadable body is an InvalidRequestException here.
 */
function eksAuthBody(body: Buffer): unknown {
  try {
    return parseJsonBody(body);
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
 * EKS Auth (rest-json, signing name eks-auth): POST /clusters/{clusterName}/assume-role-for-pod-identity,
 * for the cluster name taken from the path. The node agent signs with its node role's
 * credentials (the operation is not noAuth in botocore eks-auth/2023-11-26); eksid checks that
 * signature as it does IAM's: any signer in lenient mode, a key it knows in strict mode.
 */
function assumeRoleForPodIdentityEndpoint(ctx: ServerContext, name: string, series: RouteSeries): RawEndpoint {
  return async (req, res, body) => {
    const started = performance.now();
    await answerRestJson(ctx, res, () => {
      const sourceIp = sourceIpOf(req);
      return recordDecision(ctx, 'eks-auth', 'AssumeRoleForPodIdentity', sourceIp, async (scoped, draft) => {
        // Named even when the request fails validation; cut to the API's 100-character bound.
        draft.about({ cluster: name.slice(0, 100) });
        await identifyRestJsonCaller(ctx, req, (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/', body, 'eks-auth');
        const input = parseAssumeRoleForPodIdentityInput(name, eksAuthBody(body) ?? {});
        const out = await assumeRoleForPodIdentity(scoped, input, { sessionSeconds: ctx.podIdentitySessionSeconds, sourceIp });
        draft.detail['accessKeyId'] = out.credentials.accessKeyId;
        draft.detail['assumedRoleArn'] = out.assumedRoleUser.arn;
        return wire(out);
      });
    });
    series.answered(res.statusCode, started);
  };
}

const seriesOf = (requests: RequestDurations): RouteSeries => requests.route('eks-auth', 'AssumeRoleForPodIdentity');

/** The endpoint as express routes it: mounted at /clusters before the EKS routes, which share the prefix. */
export function eksAuthRoutes(ctx: ServerContext, requests: RequestDurations): Router {
  const router = Router();
  const series = seriesOf(requests);
  router.post('/:name/assume-role-for-pod-identity', (req, res) => assumeRoleForPodIdentityEndpoint(ctx, String(req.params['name']), series)(req, res, expressBody(req)));
  return router;
}

/**
 * The spelling server.ts serves without express: the exact path with a cluster name that
 * needs no percent-decoding (every valid name). Express takes the others (`%6D`, upper case,
 * a trailing slash) through the router above, so both answer alike.
 */
const PLAIN_PATH = /^\/clusters\/([A-Za-z0-9_-]+)\/assume-role-for-pod-identity(?:\?|$)/;

export function eksAuthFastRoute(ctx: ServerContext, requests: RequestDurations): FastRoute {
  const series = seriesOf(requests);
  return (method, url) => {
    const name = method === 'POST' ? PLAIN_PATH.exec(url)?.[1] : undefined;
    return name === undefined ? undefined : assumeRoleForPodIdentityEndpoint(ctx, name, series);
  };
}
