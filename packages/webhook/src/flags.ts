// Parses upstream's command-line flags (same names, same defaults) into a WebhookConfig, so
// manifests written for aws/amazon-eks-pod-identity-webhook run unchanged against `eksid webhook`.
// Booleans take `--flag`, `--flag=true` and `--flag true` (the package README lists this among
// the departures from upstream).
import { LOG_FORMATS, LOG_LEVELS } from '@eksid/core/log';
import { DEFAULT_WEBHOOK_CONFIG, WebhookConfigError, validateWebhookConfig } from './config.js';
import type { WebhookConfig } from './config.js';
import { parseGoBool, parseGoInt } from './mutate/go-compat.js';
import type { ContainerCredentialsSettings, MutationSettings } from './mutate/index.js';

type Kind = 'string' | 'int' | 'bool' | 'duration';
interface Flag {
  kind: Kind;
  /** What --help says: upstream's meaning for upstream's flags. */
  description: string;
  set: (config: WebhookConfig, value: never) => void;
  /** The flag's value in a config, for the default --help shows. */
  get?: (config: WebhookConfig) => unknown;
  /** Values a string flag accepts. */
  choices?: readonly string[];
}

const top = <K extends keyof WebhookConfig>(key: K, kind: Kind, description: string, choices?: readonly string[]): Flag =>
  ({ kind, description, choices, get: (config) => config[key], set: (config: WebhookConfig, value: WebhookConfig[K]) => { config[key] = value; } }) as Flag;
const mutation = <K extends keyof MutationSettings>(key: K, kind: Kind, description: string): Flag =>
  ({ kind, description, get: (config) => config.mutation[key], set: (config: WebhookConfig, value: MutationSettings[K]) => {
    config.mutation = { ...config.mutation, [key]: value };
  } }) as Flag;
const cc = (key: keyof ContainerCredentialsSettings, description: string): Flag =>
  ({ kind: 'string', description, get: (config) => config.mutation.containerCredentials[key], set: (config: WebhookConfig, value: string) => {
    config.mutation = { ...config.mutation, containerCredentials: { ...config.mutation.containerCredentials, [key]: value } };
  } }) as Flag;
// Accepted for compatibility with upstream manifests but meaningless here (klog, CSR-based TLS).
const ignored = (kind: Kind, upstream: string): Flag => ({ kind, description: `accepted and ignored (upstream: ${upstream})`, set: () => undefined });

export const WEBHOOK_FLAGS: Readonly<Record<string, Flag>> = {
  port: top('port', 'int', 'HTTPS port of /mutate and /healthz; 0 picks a free port'),
  host: top('host', 'string', 'eksid only: address to listen on; every interface by default, as upstream (127.0.0.1 keeps it on this machine)'),
  'metrics-port': top('metricsPort', 'int', 'plain-HTTP port of /metrics (and /healthz); 0 picks a free port'),
  'tls-cert': top('tlsCert', 'string', 'serving certificate (PEM file), with --tls-key; without them eksid generates a CA and certificate into --cert-dir'),
  'tls-key': top('tlsKey', 'string', 'private key (PEM file) of --tls-cert'),
  'cert-dir': top('certDir', 'string', 'where generated certificates, their caBundle and a MutatingWebhookConfiguration are written'),
  'in-cluster': top('inCluster', 'bool', 'reach the Kubernetes API as the pod\'s service account; false runs without one (only Pod Identity associations apply)'),
  kubeconfig: top('kubeconfig', 'string', 'kubeconfig file of the Kubernetes API to use out of cluster (implies --in-cluster=false)'),
  namespace: top('namespace', 'string', 'namespace of the webhook\'s Service, named in its certificate'),
  'service-name': top('serviceName', 'string', 'name of the Service in front of the webhook, named in its certificate'),
  'annotation-prefix': mutation('annotationPrefix', 'string', 'prefix of the service account annotations read (<prefix>/role-arn, <prefix>/audience, ...)'),
  'token-audience': mutation('tokenAudience', 'string', 'audience of injected IRSA tokens, unless the service account\'s annotation says otherwise'),
  'token-mount-path': mutation('tokenMountPath', 'string', 'where containers get the IRSA token volume'),
  'token-expiration': mutation('tokenExpiration', 'int', 'lifetime in seconds of injected IRSA tokens (at least 600)'),
  'aws-default-region': mutation('region', 'string', 'when set, given to containers as AWS_REGION and AWS_DEFAULT_REGION'),
  'sts-regional-endpoint': mutation('stsRegionalEndpoint', 'bool', 'give containers AWS_STS_REGIONAL_ENDPOINTS=regional'),
  'watch-container-credentials-config': top('containerCredentialsConfig', 'string', 'file naming the service accounts that get Pod Identity (container credentials), re-read when it changes'),
  'container-credentials-full-uri': cc('fullUri', 'AWS_CONTAINER_CREDENTIALS_FULL_URI given to Pod Identity containers'),
  'container-credentials-audience': cc('audience', 'audience of injected Pod Identity tokens'),
  'container-credentials-token-mount-path': cc('mountPath', 'where containers get the Pod Identity token volume'),
  'container-credentials-token-volume-name': cc('volumeName', 'name of the projected volume holding the Pod Identity token'),
  'container-credentials-token-path': cc('tokenPath', 'file name of the Pod Identity token in its volume'),
  'service-account-lookup-grace-period': top('serviceAccountLookupGracePeriodMs', 'duration', 'how long admission waits for a service account the cache does not know yet (eksid waits at least 1s, asking the API directly)'),
  'eksid-endpoint': top('eksidEndpoint', 'string', 'eksid only: eksid server whose Pod Identity associations apply, with --cluster'),
  cluster: top('cluster', 'string', 'eksid only: cluster whose associations --eksid-endpoint has'),
  'association-poll-interval': top('associationPollIntervalMs', 'duration', 'eksid only: how often associations are read again from --eksid-endpoint'),
  'report-events': top('reportEvents', 'bool', 'eksid only: send each admission decision to the audit trail of --eksid-endpoint (eksid events)'),
  'admin-token': top('adminToken', 'string', 'eksid only: admin token for --report-events (default: $EKSID_ADMIN_TOKEN, else found when eksid up runs on this machine)'),
  'log-level': top('logLevel', 'string', `eksid only: least severe entries logged, one of ${LOG_LEVELS.join(', ')} (default: $EKSID_LOG_LEVEL, else info)`, LOG_LEVELS),
  'log-format': top('logFormat', 'string', 'eksid only: pretty, a readable line per entry, or json, JSON lines (default: pretty when stderr is a terminal, else json)', LOG_FORMATS),
  'tls-secret': ignored('string', 'the Secret of the in-cluster serving certificate'),
  'kube-api': ignored('string', 'the API server URL; use --kubeconfig'),
  'enable-debugging-handlers': ignored('bool', '/debug/alpha/cache on the metrics port'),
  logtostderr: ignored('bool', 'klog output; see --log-format'),
  alsologtostderr: ignored('bool', 'klog output; see --log-format'),
  v: ignored('int', 'klog verbosity; see --log-level'),
};

export interface FlagHelp {
  /** pflag's form: `--port int`, `--in-cluster` for a boolean. */
  usage: string;
  /** The meaning, then the default when there is one. */
  description: string;
  /** The values it takes, when it takes only some. */
  choices?: readonly string[];
}

/** time.Duration's String() for whole seconds or milliseconds: "0s", "2s", "250ms". */
const formatDuration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/** `eksid webhook --help`'s flag lines, defaults read from the config they would change. */
export function webhookFlagHelp(defaults: WebhookConfig = DEFAULT_WEBHOOK_CONFIG): FlagHelp[] {
  return Object.entries(WEBHOOK_FLAGS).map(([name, flag]) => {
    const value = flag.get?.(defaults);
    const shown = value === undefined || value === '' ? undefined
      : flag.kind === 'duration' ? formatDuration(value as number)
        : typeof value === 'string' ? JSON.stringify(value) : String(value);
    return {
      usage: flag.kind === 'bool' ? `--${name}` : `--${name} ${flag.kind}`,
      description: shown === undefined ? flag.description : `${flag.description} (default: ${shown})`,
      ...(flag.choices === undefined ? {} : { choices: flag.choices }),
    };
  });
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, in milliseconds ("100ms", "1m30s", "0"). */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const unitPattern = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  if (!/^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(unitPattern)) total += Number(match[1]) * (DURATION_UNITS[match[2] ?? ''] ?? 0);
  return total;
}

function convert(name: string, flag: Flag, raw: string): unknown {
  const invalid = (what: string): never => {
    throw new WebhookConfigError(`invalid value "${raw}" for --${name}: ${what}`);
  };
  switch (flag.kind) {
    case 'string': return flag.choices === undefined || flag.choices.includes(raw) ? raw : invalid(`expected one of ${flag.choices.join(', ')}`);
    case 'bool': return parseGoBool(raw) ?? invalid('expected true or false');
    case 'int': return parseGoInt(raw) ?? invalid('expected an integer');
    case 'duration': return parseGoDuration(raw) ?? invalid('expected a duration such as 100ms or 2s');
  }
}

/**
 * Parses flags onto upstream's defaults; throws one WebhookConfigError naming everything it
 * cannot use, unknown flags first (upstream's Go parser stops at the first; a person fixing a
 * manifest wants them all).
 */
export function parseWebhookFlags(argv: readonly string[], base: WebhookConfig = DEFAULT_WEBHOOK_CONFIG): WebhookConfig {
  const config: WebhookConfig = { ...base };
  const unknown: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const match = /^--?([a-z][a-z0-9-_]*)(?:=(.*))?$/s.exec(arg);
    if (match === null) {
      problems.push(`unexpected argument "${arg}"`);
      continue;
    }
    const name = match[1] as string;
    const flag = WEBHOOK_FLAGS[name];
    let raw = match[2];
    const next = argv[i + 1];
    if (flag === undefined) {
      unknown.push(`--${name}`);
      // Its value, if it has one, is no stray argument.
      if (raw === undefined && next !== undefined && !next.startsWith('-')) i += 1;
      continue;
    }
    if (raw === undefined) {
      if (flag.kind === 'bool') {
        // `--flag true` consumes the next word only when it is a boolean; `--flag` alone is true.
        if (next !== undefined && parseGoBool(next) !== undefined) { raw = next; i += 1; } else raw = 'true';
      } else {
        if (next === undefined) {
          problems.push(`flag --${name} needs a value`);
          continue;
        }
        raw = next;
        i += 1;
      }
    }
    try {
      flag.set(config, convert(name, flag, raw) as never);
    } catch (error) {
      if (!(error instanceof WebhookConfigError)) throw error;
      problems.push(error.message);
    }
  }
  if (unknown.length > 0) problems.unshift(`unknown flag${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  if (problems.length > 0) throw new WebhookConfigError(problems.join('; '));
  // Giving --kubeconfig means out of cluster (a departure from upstream, in the package README).
  if (config.kubeconfig !== undefined) config.inCluster = false;
  return validateWebhookConfig(config);
}
