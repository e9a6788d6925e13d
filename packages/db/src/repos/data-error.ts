/** A data-access refusal the API layer turns into a status: the code is stable, the message is
 * written for the person who made the request. */
export type DataErrorCode = "NOT_FOUND" | "CONFLICT" | "INVALID" | "LIMIT" | "EXPIRED";

export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DataError";
  }
}

export const notFound = (what: string) => new DataError("NOT_FOUND", `${what} not found`);
