package io.streamlake.connect.s3.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.connect.s3.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 calls through the common Retrier: S3 error classification, deadline, messages naming bucket and key. */
class S3CallsTest {

  private static final S3ErrorClassifier CLASSIFIER = new S3ErrorClassifier();

  private final MutableClock clock = new MutableClock(0);
  private final List<Long> sleeps = new ArrayList<>();
  private final S3Calls retrier = new S3Calls(new Retrier(
      RetryPolicy.withDeadline(Backoff.of(100, 1_000, Jitter.EQUAL), 10_000), CLASSIFIER, clock::millis, ms -> {
        sleeps.add(ms);
        clock.advance(ms);
      }));

  private static S3Exception status(int code, String error) {
    return (S3Exception) S3Exception.builder().statusCode(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(error).build()).build();
  }

  @Test
  void retriesSlowDownAndServerErrorsUntilSuccess() {
    AtomicInteger calls = new AtomicInteger();
    String result = retrier.call("PUT", "b", "k", () -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        throw status(503, "SlowDown");
      }
      if (n == 2) {
        throw status(500, "InternalError");
      }
      if (n == 3) {
        throw SdkClientException.create("reset", new java.net.SocketException("Connection reset"));
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps).allSatisfy(ms -> assertThat(ms).isBetween(50L, 1_000L));
  }

  @Test
  void givesUpAtTheDeadlineNamingBucketKeyAndCause() {
    assertThatThrownBy(() -> retrier.call("PUT", "lake", "topics/a/file.parquet", () -> {
      throw status(503, "SlowDown");
    })).isInstanceOf(StoreException.class).hasMessageContaining("s3://lake/topics/a/file.parquet")
        .hasMessageContaining("503 SlowDown").hasMessageContaining("s3.retry.deadline.ms");
    assertThat(clock.millis()).isLessThanOrEqualTo(10_000);
  }

  @Test
  void doesNotRetryPermanentErrors() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retrier.call("PUT", "lake", "k", () -> {
      calls.incrementAndGet();
      throw status(403, "AccessDenied");
    })).isInstanceOf(StoreException.class).hasMessageContaining("403 AccessDenied");
    assertThat(calls).hasValue(1);
  }

  @Test
  void missingCredentialsAreNotRetried() {
    assertThat(CLASSIFIER.isTransient(SdkClientException.create("Unable to load credentials"))).isFalse();
  }

  @Test
  void conditionalWriteConflictIsRetriedButOtherConflictsAreNot() {
    assertThat(CLASSIFIER.isTransient(status(409, "ConditionalRequestConflict"))).isTrue();
    assertThat(CLASSIFIER.isTransient(status(409, "BucketAlreadyExists"))).isFalse();
    assertThat(CLASSIFIER.isTransient(status(412, "PreconditionFailed"))).isFalse();
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{1} {0}")
  @org.junit.jupiter.params.provider.CsvSource({"RequestTimeout,400", "PriorRequestNotComplete,503",
      "RequestTimeTooSkewed,403", "InternalError,200", "SlowDown,503", "OperationAborted,409",
      "ServiceUnavailable,503", "Throttling,400"})
  void transientS3ErrorCodesAreRetriedWhateverTheirStatus(String code, int statusCode) {
    AtomicInteger calls = new AtomicInteger();
    String result = retrier.call("CompleteMultipartUpload", "b", "k", () -> {
      if (calls.incrementAndGet() == 1) {
        throw status(statusCode, code);
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(calls).as("the fault was injected once, then retried").hasValue(2);
  }

  @Test
  void permanentFourHundredsAreNotRetried() {
    assertThat(CLASSIFIER.isTransient(status(400, "InvalidArgument"))).isFalse();
    assertThat(CLASSIFIER.isTransient(status(400, "KeyTooLongError"))).isFalse();
    assertThat(CLASSIFIER.isTransient(status(403, "AccessDenied"))).isFalse();
    assertThat(CLASSIFIER.isTransient(status(404, "NoSuchBucket"))).isFalse();
  }
}
