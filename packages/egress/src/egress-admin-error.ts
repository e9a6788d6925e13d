/** A refusal of the target administration (the portal maps the code to an HTTP status). */
export class EgressAdminError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "CONFLICT",
    message: string,
  ) {
    super(message);
    this.name = "EgressAdminError";
  }
}

export const targetNotFound = () => new EgressAdminError("NOT_FOUND", "egress target not found");
