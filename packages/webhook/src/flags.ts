// Parses upstream's command-line flags (same names, same defaults) into a WebhookConfig, so
// manifests written for aws/amazon-eks-pod-identity-webhook run unchanged against `eksid webhook`.
// Booleans take `--flag`, `--flag=true` and `--flag true` (the package README lists this among
// the departures from upstream).
import { DEFAULT_WEBHOOK_CONFIG, WebhookConfigError, validateWebhookConfig } from './config.js';
import type { WebhookConfig } from './config.js';
import { parseGoBool, parseGoInt } from './mutate/go-compat.js';
import type { ContainerCredentialsSettings, MutationSettings } from './mutate/index.js';

type Kind = 'string' | 'int' | 'bool' | 'duration';
interface Flag { kind: Kind; set: (config: WebhookConfig, value: never) => void }

const top = <K extends keyof WebhookConfig>(key: K, kind: Kind): Flag =>
  ({ kind, set: (config: WebhookConfig, value: WebhookConfig[K]) => { config[key] = value; } }) as Flag;
const mutation = <K extends keyof MutationSettings>(key: K, kind: Kind): Flag =>
  ({ kind, set: (config: WebhookConfig, value: MutationSettings[K]) => {
    config.mutation = { ...config.mutation, [key]: value };
  } }) as Flag;
const cc = (key: keyof ContainerCredentialsSettings): Flag =>
  ({ kind: 'string', set: (config: WebhookConfig, value: string) => {
    config.mutation = { ...config.mutation, containerCredentials: { ...config.mutation.containerCredentials, [key]: value } };
  } }) as Flag;
// Accepted for compatibility with upstream manifests but meaningless here (klog, CSR-based TLS).
const ignored = (kind: Kind): Flag => ({ kind, set: () => undefined });

export const WEBHOOK_FLAGS: Readonly<Record<string, Flag>> = {
  port: top('port', 'int'),
  host: top('host', 'string'),
  'metrics-port': top('metricsPort', 'int'),
  'tls-cert': top('tlsCert', 'string'),
  'tls-key': top('tlsKey', 'string'),
  'cert-dir': top('certDir', 'string'),
  'in-cluster': top('inCluster', 'bool'),
  kubeconfig: top('kubeconfig', 'string'),
  namespace: top('namespace', 'string'),
  'service-name': top('serviceName', 'string'),
  'annotation-prefix': mutation('annotationPrefix', 'string'),
  'token-audience': mutation('tokenAudience', 'string'),
  'token-mount-path': mutation('tokenMountPath', 'string'),
  'token-expiration': mutation('tokenExpiration', 'int'),
  'aws-default-region': mutation('region', 'string'),
  'sts-regional-endpoint': mutation('stsRegionalEndpoint', 'bool'),
  'watch-container-credentials-config': top('containerCredentialsConfig', 'string'),
  'container-credentials-full-uri': cc('fullUri'),
  'container-credentials-audience': cc('audience'),
  'container-credentials-token-mount-path': cc('mountPath'),
  'container-credentials-token-volume-name': cc('volumeName'),
  'container-credentials-token-path': cc('tokenPath'),
  'service-account-lookup-grace-period': top('serviceAccountLookupGracePeriodMs', 'duration'),
  'eksid-endpoint': top('eksidEndpoint', 'string'),
  cluster: top('cluster', 'string'),
  'association-poll-interval': top('associationPollIntervalMs', 'duration'),
  'report-events': top('reportEvents', 'bool'),
  'tls-secret': ignored('string'),
  'kube-api': ignored('string'),
  'enable-debugging-handlers': ignored('bool'),
  logtostderr: ignored('bool'),
  alsologtostderr: ignored('bool'),
  v: ignored('int'),
};

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

function convert(name: string, kind: Kind, raw: string): unknown {
  const invalid = (what: string): never => {
    throw new WebhookConfigError(`invalid value "${raw}" for --${name}: ${what}`);
  };
  switch (kind) {
    case 'string': return raw;
    case 'bool': return parseGoBool(raw) ?? invalid('expected true or false');
    case 'int': return parseGoInt(raw) ?? invalid('expected an integer');
    case 'duration': return parseGoDuration(raw) ?? invalid('expected a duration such as 100ms or 2s');
  }
}

/** Parses flags onto upstream's defaults; throws WebhookConfigError on anything it cannot use. */
export function parseWebhookFlags(argv: readonly string[], base: WebhookConfig = DEFAULT_WEBHOOK_CONFIG): WebhookConfig {
  const config: WebhookConfig = { ...base };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const match = /^--?([a-z][a-z0-9-_]*)(?:=(.*))?$/s.exec(arg);
    if (match === null) throw new WebhookConfigError(`unexpected argument "${arg}"`);
    const name = match[1] as string;
    const flag = WEBHOOK_FLAGS[name];
    if (flag === undefined) throw new WebhookConfigError(`unknown flag --${name}`);
    let raw = match[2];
    if (raw === undefined) {
      const next = argv[i + 1];
      if (flag.kind === 'bool') {
        // `--flag true` consumes the next word only when it is a boolean; `--flag` alone is true.
        if (next !== undefined && parseGoBool(next) !== undefined) { raw = next; i += 1; } else raw = 'true';
      } else {
        if (next === undefined) throw new WebhookConfigError(`flag --${name} needs a value`);
        raw = next;
        i += 1;
      }
    }
    flag.set(config, convert(name, flag.kind, raw) as never);
  }
  // Giving --kubeconfig means out of cluster (a departure from upstream, in the package README).
  if (config.kubeconfig !== undefined) config.inCluster = false;
  return validateWebhookConfig(config);
}
