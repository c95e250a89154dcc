import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_CONFIG, WebhookConfigError } from './config.js';
import { WEBHOOK_FLAGS, parseGoDuration, parseWebhookFlags, webhookFlagHelp } from './flags.js';

describe('parseWebhookFlags', () => {
  it('starts from upstream\'s defaults', () => {
    const config = parseWebhookFlags([]);
    expect(config).toEqual(DEFAULT_WEBHOOK_CONFIG);
    expect(config).toMatchObject({ port: 443, metricsPort: 9999, inCluster: true, namespace: 'eks', serviceName: 'pod-identity-webhook' });
    expect(config.mutation).toMatchObject({
      annotationPrefix: 'eks.amazonaws.com', tokenAudience: 'sts.amazonaws.com', tokenExpiration: 86400, region: '', stsRegionalEndpoint: false,
    });
  });

  it('reads every upstream flag by its upstream name', () => {
    const config = parseWebhookFlags([
      '--port=8443', '--metrics-port', '9000', '--tls-cert', 'c.pem', '--tls-key=k.pem',
      '--namespace=kube-system', '--service-name', 'irsa', '--annotation-prefix=example.com',
      '--token-audience=aud', '--token-mount-path=/m', '--token-expiration=3600', '--aws-default-region=eu-west-1',
      '--sts-regional-endpoint', '--watch-container-credentials-config=/etc/cc.json',
      '--container-credentials-full-uri=http://agent/creds', '--container-credentials-audience=pa',
      '--container-credentials-token-mount-path=/pm', '--container-credentials-token-volume-name=pv',
      '--container-credentials-token-path=pt', '--service-account-lookup-grace-period=250ms',
      '--in-cluster=false', '--logtostderr', '-v=4', '--tls-secret', 'ignored',
    ]);
    expect(config).toMatchObject({
      port: 8443, metricsPort: 9000, tlsCert: 'c.pem', tlsKey: 'k.pem', namespace: 'kube-system', serviceName: 'irsa',
      inCluster: false, containerCredentialsConfig: '/etc/cc.json', serviceAccountLookupGracePeriodMs: 250,
    });
    expect(config.mutation).toEqual({
      annotationPrefix: 'example.com', tokenAudience: 'aud', tokenMountPath: '/m', tokenExpiration: 3600,
      region: 'eu-west-1', stsRegionalEndpoint: true,
      containerCredentials: { fullUri: 'http://agent/creds', audience: 'pa', mountPath: '/pm', volumeName: 'pv', tokenPath: 'pt' },
    });
  });

  it.each([
    [['--sts-regional-endpoint'], true],
    [['--sts-regional-endpoint=true'], true],
    [['--sts-regional-endpoint', 'true'], true],
    [['--sts-regional-endpoint', 'false'], false],
    [['--sts-regional-endpoint=0'], false],
    [['--sts-regional-endpoint', '--port=1'], true],
  ])('reads boolean form %j as %j', (argv, expected) => {
    expect(parseWebhookFlags(argv).mutation.stsRegionalEndpoint).toBe(expected);
  });

  it('treats --kubeconfig as out of cluster', () => {
    expect(parseWebhookFlags(['--kubeconfig', '/k']).inCluster).toBe(false);
  });

  it('reads eksid\'s association flags', () => {
    expect(parseWebhookFlags(['--eksid-endpoint=http://127.0.0.1:4599', '--cluster=dev', '--association-poll-interval=5s']))
      .toMatchObject({ eksidEndpoint: 'http://127.0.0.1:4599', cluster: 'dev', associationPollIntervalMs: 5000 });
  });

  it('raises a token expiration below 600 like upstream does at startup', () => {
    expect(parseWebhookFlags(['--token-expiration=60']).mutation.tokenExpiration).toBe(600);
  });

  it.each([
    [['--nope'], 'unknown flag --nope'],
    [['stray'], 'unexpected argument "stray"'],
    [['--port'], 'flag --port needs a value'],
    [['--port=https'], 'invalid value "https" for --port: expected an integer'],
    [['--port=70000'], '--port must be a port number (0-65535), got 70000'],
    [['--in-cluster=maybe'], 'invalid value "maybe" for --in-cluster: expected true or false'],
    [['--service-account-lookup-grace-period=1'], 'expected a duration'],
    [['--tls-cert=c'], '--tls-cert and --tls-key must be given together'],
    [['--cluster=dev'], '--eksid-endpoint and --cluster must be given together'],
    [['--prot', '8443', '--port=x', '--tls-crt=c', 'stray'], 'unknown flags --prot, --tls-crt; invalid value "x" for --port: expected an integer; unexpected argument "stray"'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseWebhookFlags(argv)).toThrow(WebhookConfigError);
    expect(() => parseWebhookFlags(argv)).toThrow(message);
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['0', 0], ['100ms', 100], ['2s', 2000], ['1m30s', 90_000], ['1.5h', 5_400_000], ['500us', 0.5],
    ['1', undefined], ['', undefined], ['1d', undefined], ['-1s', undefined],
  ])('parses %j as %j ms', (text, expected) => {
    expect(parseGoDuration(text)).toBe(expected);
  });
});

describe('webhookFlagHelp', () => {
  it('describes every flag, pflag style, with the default it would change', () => {
    const help = webhookFlagHelp();
    expect(help.map((line) => line.usage.split(' ')[0])).toEqual(Object.keys(WEBHOOK_FLAGS).map((name) => `--${name}`));
    for (const line of help) expect(line.description).toMatch(/\S/);
    expect(help).toContainEqual({ usage: '--port int', description: 'HTTPS port of /mutate and /healthz; 0 picks a free port (default: 443)' });
    expect(help).toContainEqual({ usage: '--in-cluster', description: expect.stringMatching(/\(default: true\)$/) });
    expect(help).toContainEqual({ usage: '--host string', description: 'eksid only: address to listen on; every interface by default, as upstream (127.0.0.1 keeps it on this machine) (default: "0.0.0.0")' });
    expect(help).toContainEqual({ usage: '--association-poll-interval duration', description: expect.stringMatching(/\(default: 2s\)$/) });
    expect(help).toContainEqual({ usage: '--namespace string', description: expect.stringMatching(/\(default: "eks"\)$/) });
    expect(help.find((line) => line.usage.startsWith('--kubeconfig '))?.description).not.toContain('default');
  });

  it('accepts only a level name for --log-level', () => {
    expect(parseWebhookFlags(['--log-level=debug', '--log-format', 'json'])).toMatchObject({ logLevel: 'debug', logFormat: 'json' });
    expect(() => parseWebhookFlags(['--log-level=loud'])).toThrow('invalid value "loud" for --log-level: expected one of trace, debug, info, warn, error, fatal, silent');
  });
});
