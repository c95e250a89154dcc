import { InvalidParameterError } from '@eksid/core';
import { Router } from 'express';
import type { Response } from 'express';
import type { ServerContext } from '../context.js';
import { cursorOf } from '../eksid/events-query.js';
import { streamEvents } from '../eksid/events-stream.js';
import { sendRestJsonError } from '../protocols/rest-json.js';
import { ASSETS } from './assets.js';
import { FRAGMENT_ROWS, decisionRows } from './decisions.js';
import { hintsOf } from './hints.js';
import type { Html } from './html.js';
import { DASHBOARD_PATH, dashboardPage } from './page.js';
import { resourceSections } from './resources.js';
import { readDashboardState } from './state.js';

/**
 * Script and styles only from this server, nothing inline: should an escaping bug ever let
 * markup through, the browser still refuses to run it.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function sendHtml(res: Response, body: Html): void {
  res
    .status(200)
    .setHeader('content-security-policy', CONTENT_SECURITY_POLICY)
    .setHeader('x-content-type-options', 'nosniff')
    // The page shows live state: a reload must never come from a cache.
    .setHeader('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(body.text);
}

/** `?after=N` as the events API reads it (0 when absent); a bad one throws its 400. */
function afterOf(raw: unknown): number {
  if (raw === undefined) return 0;
  if (typeof raw !== 'string') throw new InvalidParameterError('after must be given at most once');
  return cursorOf(raw, 'after');
}

/**
 * The web dashboard: `GET /` (app.ts hands it only requests without an awsQuery `Action`),
 * its script and stylesheet, and the fragments and decision stream the script reads to stay
 * current. They read the store themselves rather than the admin-token-guarded /_eksid API, so
 * the page never holds the token: it shows what it shows to whoever may load it (the Host and
 * same-origin checks in front decide that), and no more.
 */
export function dashboardRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get('/', (_req, res) => sendHtml(res, dashboardPage(ctx)));
  router.get(`${DASHBOARD_PATH}/state`, (_req, res) => sendHtml(res, resourceSections(readDashboardState(ctx))));
  router.get(`${DASHBOARD_PATH}/decisions`, (req, res) => {
    let after: number;
    try {
      after = afterOf(req.query['after']);
    } catch (err) {
      sendRestJsonError(ctx, res, err);
      return;
    }
    sendHtml(res, decisionRows(ctx.decisions.list({ afterId: after, limit: FRAGMENT_ROWS }), hintsOf(ctx)));
  });
  router.get(`${DASHBOARD_PATH}/stream`, streamEvents(ctx));
  router.get(`${DASHBOARD_PATH}/:asset`, (req, res, next) => {
    const asset = ASSETS.get(String(req.params['asset']));
    if (!asset) return next();
    res.status(200).setHeader('cache-control', 'no-cache').setHeader('x-content-type-options', 'nosniff').type(asset.type).send(asset.body);
  });
  return router;
}
