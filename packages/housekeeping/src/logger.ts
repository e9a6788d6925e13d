/** The part of a pino logger housekeeping uses; callers pass their own. */
export interface HousekeepingLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
