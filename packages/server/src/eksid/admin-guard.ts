import { ADMIN_TOKEN_HEADER, adminTokenMatches } from '@eksid/core/admin-token';
import { AwsError } from '@eksid/core';
import type { RequestHandler } from 'express';
import type { ServerContext } from '../context.js';
import { sendRestJsonError } from '../protocols/rest-json.js';

/** How a client passes the token, said in every refusal so the fix is in the message. */
const HOW = `send this instance's admin token (printed by \`eksid up\`) in the ${ADMIN_TOKEN_HEADER} header; eksid's clients read --admin-token or $EKSID_ADMIN_TOKEN, or find it when \`eksid up\` runs on the same machine`;

/**
 * eksid's own operations that reveal keys or claims, mint tokens, or change state answer only
 * a caller holding the instance's admin token: 401 in the rest-json shape of the other
 * /_eksid errors otherwise. The comparison takes the same time wherever the tokens differ.
 */
export function requireAdminToken(ctx: ServerContext): RequestHandler {
  return (req, res, next) => {
    const given = req.get(ADMIN_TOKEN_HEADER);
    if (adminTokenMatches(ctx.adminToken, given)) {
      next();
      return;
    }
    const what = given === undefined ? `${req.method} ${req.originalUrl.split('?', 1)[0]} needs the admin token` : `the ${ADMIN_TOKEN_HEADER} header is not this instance's admin token`;
    sendRestJsonError(ctx, res, new AwsError('UnauthorizedException', `${what}: ${HOW}`, 401));
  };
}
