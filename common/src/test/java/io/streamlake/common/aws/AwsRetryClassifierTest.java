package io.streamlake.common.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsRetryClassifierTest {

  private final AwsRetryClassifier classifier = new AwsRetryClassifier();

  private static AwsServiceException service(int status, String code, String message) {
    return AwsServiceException.builder().statusCode(status).message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }

  @Test
  void throttlingAndServerErrorsAreTransient() {
    assertThat(classifier.isTransient(service(400, "ThrottlingException", "Rate exceeded"))).isTrue();
    assertThat(classifier.isTransient(service(429, "TooManyRequestsException", "slow down"))).isTrue();
    assertThat(classifier.isTransient(service(500, "InternalFailure", "oops"))).isTrue();
    assertThat(classifier.isTransient(service(503, "ServiceUnavailable", "busy"))).isTrue();
  }

  @Test
  void clientSideFailuresAreTransient() {
    assertThat(classifier.isTransient(SdkClientException.create("read timed out", new SocketTimeoutException())))
        .isTrue();
  }

  @Test
  void otherServiceErrorsAndNonSdkFailuresAreNot() {
    assertThat(classifier.isTransient(service(400, "ResourceNotFoundException", "no such secret"))).isFalse();
    assertThat(classifier.isTransient(service(403, "AccessDeniedException", "not authorized"))).isFalse();
    assertThat(classifier.isTransient(service(404, "NoSuchKey", "gone"))).isFalse();
    assertThat(classifier.isTransient(new IOException("disk full"))).isFalse();
    assertThat(classifier.isTransient(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void aServiceErrorReadsAsStatusCodeAndMessage() {
    assertThat(classifier.describe(service(400, "AccessDeniedException", "User: x is not authorized")))
        .isEqualTo("400 AccessDeniedException: User: x is not authorized");
    assertThat(classifier.describe(new IllegalStateException("first line\nsecond line")))
        .isEqualTo("IllegalStateException: first line");
  }
}
