/** Raised when the environment does not describe a runnable process; the message names every
 * offending variable and what it expects. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: { variable: string; expected: string; received?: string }[]) {
    super(
      "Invalid configuration:\n" +
        problems
          .map(
            (p) =>
              `  ${p.variable}: ${p.expected}` +
              (p.received === undefined ? " (not set)" : ` (got ${JSON.stringify(p.received)})`),
          )
          .join("\n"),
    );
    this.name = "ConfigError";
  }
}
