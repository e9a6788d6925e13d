export { Housekeeping, type HousekeepingOptions } from "./housekeeping";
export { AlarmPublisher, alarmMessage, alarmTopic, INTERNAL_BROKER_USERNAME } from "./alarm-publisher";
export type { HousekeepingLogger } from "./logger";
