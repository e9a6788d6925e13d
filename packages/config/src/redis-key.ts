/** Every Redis key Tidewire writes goes through here, so one prefix isolates an installation. */
export function redisKey(prefix: string, ...parts: (string | number)[]): string {
  return [prefix, ...parts].join(":");
}
