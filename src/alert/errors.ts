/**
 * Send errors: the class decides the outbox policy (like crawlee's error classes).
 *
 *   class                 | was it delivered?  | outbox row
 *   ----------------------+--------------------+------------------------------------------------------
 *   PermanentSendError    | no                 | failed for good; the message says what to fix
 *   RetryLaterError       | no                 | pending, not before `retryAt` (else the usual backoff)
 *   UncertainSendError    | maybe (timeout, 5xx, connection dropped after sending)
 *                         |                    | pending; the next attempt looks for it before posting
 *   any other error       | maybe              | as UncertainSendError
 */
export class PermanentSendError extends Error {
  override name = "PermanentSendError";
}

export class RetryLaterError extends Error {
  override name = "RetryLaterError";
  constructor(
    message: string,
    /** Not before this instant (e.g. Slack's Retry-After). */
    readonly retryAt?: Date,
  ) {
    super(message);
  }
}

export class UncertainSendError extends Error {
  override name = "UncertainSendError";
}

/** One line for logs, the outbox row's last_error and the run summary. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
