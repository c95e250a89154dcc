// @eksid/webhook: the mutating admission webhook and the "what a pod gets" logic `eksid exec` reuses.
export { DEFAULT_WEBHOOK_CONFIG, WebhookConfigError, validateWebhookConfig } from './config.js';
export type { WebhookConfig } from './config.js';
export { parseGoDuration, parseWebhookFlags, webhookFlagHelp } from './flags.js';
export type { FlagHelp } from './flags.js';
export { startWebhook } from './start-webhook.js';
export type { RunningWebhook, WebhookDeps } from './start-webhook.js';
export * from './mutate/index.js';
export { ServiceAccountCache, startServiceAccountInformer } from './cache/index.js';
export type { ServiceAccountLookup } from './cache/index.js';
export {
  listPodIdentityAssociations,
  parseContainerCredentialsConfig,
  pollEksidAssociations,
  staticIdentities,
  watchContainerCredentialsConfig,
} from './identities/index.js';
export type { Identity, PodIdentityLookup } from './identities/index.js';
export {
  CERTIFICATE_FILES,
  generateWebhookCertificates,
  mutatingWebhookConfiguration,
  writeWebhookCertificates,
} from './server/index.js';
export type { WebhookCertificates, WebhookTarget } from './server/index.js';
