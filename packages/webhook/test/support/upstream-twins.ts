// For each fixture of aws/amazon-eks-pod-identity-webhook (pkg/handler/testdata, by its path
// there), the eksid fixture(s) in ../fixtures that pin the same behaviour with eksid's own pod.
// fixture-coverage.test.ts checks both sides: every fixture named here exists, and, when the
// optional upstream copy is present, every upstream fixture has a row.
export const UPSTREAM_TWINS: Readonly<Record<string, readonly string[]>> = {
  // IRSA
  'betaWindowsPodWithoutVolumes.pod.yaml': ['irsa/windows-beta-node-label.pod.yaml'],
  'initPodNeedsRegion.pod.yaml': ['irsa/init-container-shares-name.pod.yaml'],
  'rawPodHasAll.pod.yaml': ['irsa/container-already-configured.pod.yaml'],
  'rawPodHasSTS.pod.yaml': ['irsa/keeps-preset-region-and-sts.pod.yaml'],
  'rawPodHasTokenExpiration.pod.yaml': ['irsa/pod-expiration-annotation.pod.yaml'],
  'rawPodHasVolumeMount.pod.yaml': ['irsa/keeps-existing-token-volume.pod.yaml'],
  'rawPodMinTokenExpiration.pod.yaml': ['irsa/expiration-below-minimum.pod.yaml'],
  'rawPodNeedsRegion.pod.yaml': ['irsa/injects-region.pod.yaml'],
  'rawPodNeedsSTS.pod.yaml': ['irsa/injects-sts-and-region.pod.yaml'],
  'rawPodNoSTSAnnotationOverride.pod.yaml': ['irsa/service-account-disables-sts.pod.yaml'],
  'rawPodRegionPresent.pod.yaml': ['irsa/region-already-set.pod.yaml', 'irsa/keeps-preset-region-and-sts.pod.yaml'],
  'rawPodSkip.pod.yaml': ['irsa/skip-containers.pod.yaml'],
  'rawPodWithGRPC.pod.yaml': ['irsa/keeps-grpc-probes.pod.yaml'],
  'rawPodWithInitContainer.pod.yaml': ['irsa/init-and-native-sidecar.pod.yaml'],
  'rawPodWithVolumes.pod.yaml': ['irsa/prepends-to-existing-volumes.pod.yaml'],
  'rawPodWithoutVolumes.pod.yaml': ['irsa/baseline.pod.yaml'],
  'rawPodWithsecCompProfile.pod.yaml': ['irsa/keeps-security-context.pod.yaml'],
  'windowsPodWithoutVolumes.pod.yaml': ['irsa/windows-node.pod.yaml'],
  // EKS Pod Identity ("container credentials" upstream)
  'containercredentials/rawPodNeedsAll.pod.yaml': ['pod-identity/sts-region-and-service-account-expiration.pod.yaml'],
  'containercredentials/rawPodSkip.pod.yaml': ['pod-identity/skip-containers.pod.yaml'],
  'containercredentials/rawPodWithConflictingVolumeMount.pod.yaml': ['pod-identity/keeps-own-token-mount.pod.yaml'],
  'containercredentials/rawPodWithRoleArn.pod.yaml': ['pod-identity/wins-over-role-arn.pod.yaml', 'pod-identity/irsa-env-does-not-count.pod.yaml'],
  'containercredentials/rawPodWithVolume.pod.yaml': ['pod-identity/prepends-to-existing-volumes.pod.yaml'],
  'containercredentials/rawPodWithoutVolumes.pod.yaml': ['pod-identity/baseline.pod.yaml'],
};
