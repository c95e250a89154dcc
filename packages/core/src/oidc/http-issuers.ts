import type { CoreConfig } from '../config.js';

/**
 * Whether eksid registers, and fetches keys from, this URL. IAM takes https:// OIDC provider
 * URLs only (CreateOpenIDConnectProvider API reference: "The URL must begin with https://").
 * eksid takes http:// too where that reaches no other machine or the user asked for it:
 * its own issuers (under `<publicUrl>/id/`, whatever host the public URL names), loopback hosts
 * (127.0.0.0/8, ::1, localhost), or any host under `eksid up --allow-http-issuers`. Otherwise
 * anyone able to call IAM and STS could make eksid GET any host:port it can reach.
 */
export function fetchableIssuerUrl(config: CoreConfig, url: string): boolean {
  if (/^https:\/\//i.test(url)) return true;
  if (!/^http:\/\//i.test(url)) return false;
  if (config.allowHttpIssuers || url.startsWith(`${config.publicUrl}/id/`)) return true;
  let host: string;
  try {
    // WHATWG parsing normalises the host: 127.1 and 0x7f.1 both become 127.0.0.1.
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
