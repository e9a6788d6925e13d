/**
 * BullMQ queue names, shared by ingest, workers and the portal (BullMQ puts the installation's
 * REDIS_PREFIX in front: `<prefix>:{deliver-<id>}:wait`). The braces are a Redis Cluster hash
 * tag: every key of one queue lands in one slot, as BullMQ's scripts need, while different
 * queues spread over the cluster (docs/scaling.md).
 */
export const telegramQueueName = (partition: number) => `{telegrams-${partition}}`;

/** One queue per egress target. */
export const deliveryQueueName = (targetId: string) => `{deliver-${targetId}}`;
