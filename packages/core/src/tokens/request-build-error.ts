/**
 * A stored profile that cannot make a valid request: saved before a rule existed, or holding a
 * value that breaks the URL once filled in. A verdict for the run, never a reason to retry.
 */
export class RequestBuildError extends Error {
  override name = "RequestBuildError";
  constructor(
    /** The run's error class. */
    readonly errorClass: "invalid_url" | "invalid_profile",
    message: string,
    /** The profile field to blame, as the form names it ("fields.2.key"). */
    readonly field: string,
  ) {
    super(message);
  }
}
