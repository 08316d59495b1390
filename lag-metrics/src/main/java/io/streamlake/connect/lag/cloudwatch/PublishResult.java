package io.streamlake.connect.lag.cloudwatch;

/** Outcome of publishing one poll's datums: requests sent (retries included), datums accepted and dropped. */
public record PublishResult(int requests, int published, int dropped) {

  public static final PublishResult NONE = new PublishResult(0, 0, 0);
}
