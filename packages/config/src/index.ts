export { envSchema, type Env, type SecretName } from "./env-schema";
export { ConfigError } from "./config-error";
export { loadConfig, loadConfigOrExit } from "./load-config";
export { redisKey } from "./redis-key";
export { channels, type TeachInEvent } from "./channels";
export { telegramQueueName, deliveryQueueName, UPLINK_QUEUE } from "./queue-names";
export { LATENCY_BUCKETS } from "./latency-buckets";
