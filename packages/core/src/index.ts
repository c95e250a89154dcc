// The one door of @eksid/core. Each folder has its own index.ts; this file only re-exports.
export * from './errors.js';
export * from './deps.js';
export * from './config.js';
export * from './store/index.js';
export * from './wire/index.js';
export * from './ids/index.js';
export * from './sigv4/index.js';
export * from './policy/index.js';
export * from './keys/index.js';
export * from './oidc/index.js';
export * from './jwt/index.js';
export * from './iam/index.js';
export * from './eks/index.js';
export * from './sts/index.js';
export * from './apply/index.js';
export * from './eks-auth/index.js';
export * from './audit/index.js';
