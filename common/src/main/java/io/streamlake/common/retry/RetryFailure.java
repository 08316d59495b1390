package io.streamlake.common.retry;

/**
 * An operation that {@link Retrier} gave up on; the cause is the last failure. The message names the
 * operation, the attempts and the cause as the classifier describes it.
 */
public final class RetryFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the retrier stopped. */
  public enum Reason {
    /** The classifier said retrying cannot help. */
    NOT_TRANSIENT,
    /** Transient, but the policy's deadline or attempt limit was reached. */
    EXHAUSTED,
    /** The thread was interrupted while waiting; its interrupt flag is set again. */
    INTERRUPTED
  }

  private final Reason reason;
  private final int attempts;
  private final String causeText;

  RetryFailure(String message, Reason reason, int attempts, String causeText, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.attempts = attempts;
    this.causeText = causeText;
  }

  public Reason reason() {
    return reason;
  }

  public int attempts() {
    return attempts;
  }

  /** The last failure as the classifier describes it, e.g. {@code HTTP 503 SlowDown}. */
  public String causeText() {
    return causeText;
  }
}
