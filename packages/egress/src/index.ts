// @tidewire/egress — connectors, target settings, test connection and the delivery machinery.
// See README.md beside this folder for what the portal uses.
export { EGRESS_KINDS, targetKindSchemas, parseTargetSettings, TargetSettingsError, type EgressKind, type TargetConfig, type TargetSecrets } from "./kinds/index";
export { agrirouterStateSchema, type AgrirouterState, type AgrirouterOnboarding } from "./kinds/agrirouter";
export { deliveryPolicySchema, type DeliveryPolicyOverrides } from "./kinds/delivery-policy";
export {
  deliveryBatchSchema,
  deliveryMessageSchema,
  deliveryQueueName,
  replayRequestSchema,
  DELIVERY_JOB,
  REPLAY_JOB,
  type DeliveryBatch,
  type DeliveryMessage,
  type ReplayRequest,
} from "./delivery-batch";
export { DeliveryError, classifyConnectError, type FailureStage } from "./delivery-error";
export { expandTopicTemplate, topicTemplateProblem, TOPIC_PLACEHOLDERS } from "./topic-template";
export { compactPayload, type CompactPayload } from "./payload/compact-payload";
export { renderPayload, messageTimeMs, type PayloadFormat } from "./payload/render-payload";
export { checkOutboundHost, isPrivateAddress } from "./net/address-guard";
export { TENANT_ROOT, INTERNAL_USERNAME, mountPrefix, mountTopic, unmountTopic } from "./builtin/tenant-mount";
export type { EgressConnector, ConnectorContext, AgrirouterApplication } from "./connectors/connector";
export { createConnector } from "./connectors/create-connector";
export { testConnection, type TestConnectionResult, type TestConnectionOptions } from "./test-connection";
export { parseAzureConnectionString, type AzureConnectionString } from "./azure/connection-string";
export { createSasToken, deviceResourceUri, encodeUriComponentStrict } from "./azure/sas-token";
export { generateSelfSignedCertificate, certificateThumbprints, type GeneratedCertificate } from "./certificates/self-signed-certificate";
export { enosPassword, enosConnectFields, enosTopics } from "./enos/enos-sign";
export { onboardAgrirouterEndpoint, signOnboardingBody, onboardingBody } from "./agrirouter/agrirouter-onboarding";
export { AgrirouterOnboardingError, onboardingFailure, type OnboardingRefusal } from "./agrirouter/agrirouter-onboarding-error";
export { encodeRequest, decodeResponse, capabilitiesPayload, jsonPayload } from "./agrirouter/agrirouter-messages";
export { DeliveryManager, type DeliveryManagerOptions } from "./delivery/delivery-manager";
export { DEFAULT_DELIVERY_POLICY, jittered, type DeliveryPolicy } from "./delivery/delivery-policy";
export { CircuitBreaker, type BreakerStatus } from "./delivery/circuit-breaker";
export { waitingBehind, removeProcessed } from "./delivery/queued-jobs";
export { DeliveryMetrics } from "./delivery/delivery-metrics";
export { replayDeadLetters, purgeDeadLetters } from "./delivery/dead-letter-replay";
export {
  saveEgressTarget,
  deleteEgressTarget,
  setEgressTargetEnabled,
  egressTargetStatus,
  listEgressTargets,
  getEgressTarget,
  testEgressSettings,
  testEgressTarget,
  generateTargetCertificate,
  publicTarget,
  type PublicTarget,
  type ConnectorProgress,
  type SaveTargetInput,
  type SettingsTestOptions,
  type TargetAdminDeps,
  type TargetFilters,
} from "./target-admin";
export { EgressAdminError } from "./egress-admin-error";
export { agrirouterApplicationFrom } from "./agrirouter/agrirouter-application";
