/**
 * Unix seconds as IoTC prints them: the string of a Python float, e.g. "1611927479.166352", and
 * "1611927479.0" for whole seconds (JavaScript would print "1611927479").
 */
export function formatUnixSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError(`not a timestamp: ${seconds}`);
  return Number.isInteger(seconds) ? `${seconds}.0` : String(seconds);
}
