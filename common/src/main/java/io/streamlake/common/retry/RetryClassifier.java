package io.streamlake.common.retry;

/** Decides which failures a retry can cure, and how a failure reads in a log line. */
@FunctionalInterface
public interface RetryClassifier {

  /** Whether retrying can help (throttling, a server error, a timeout, a reset connection). */
  boolean isTransient(Throwable failure);

  /** One line for logs and messages: the class and first line of the message; override for richer text. */
  default String describe(Throwable failure) {
    String message = failure.getMessage();
    if (message == null) {
      return failure.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return failure.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
  }
}
