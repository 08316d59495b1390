package io.streamlake.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.common.aws.AwsRetryClassifier;
import io.streamlake.testsupport.AwsJsonStandIn;
import io.streamlake.testsupport.AwsJsonStandIn.AwsError;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

class AwsJsonClientTest {

  @Test
  void defaultEndpointsFollowTheRegionsPartition() {
    assertThat(AwsJsonClient.defaultEndpoint("ssm", Region.EU_WEST_1))
        .isEqualTo(URI.create("https://ssm.eu-west-1.amazonaws.com"));
    assertThat(AwsJsonClient.defaultEndpoint("secretsmanager", Region.CN_NORTH_1))
        .isEqualTo(URI.create("https://secretsmanager.cn-north-1.amazonaws.com.cn"));
  }

  @Test
  void sendsTheTargetAndBodySignedAndTurnsErrorsIntoServiceExceptions() {
    try (AwsJsonStandIn standIn = AwsJsonStandIn.start("SSM");
        SdkHttpClient http = ApacheHttpClient.builder().build()) {
      standIn.on("AmazonSSM.GetParameter", request -> {
        if (request.path("Name").asText().equals("/throttled")) {
          throw new AwsError(400, "com.amazonaws.ssm#ThrottlingException", "Rate exceeded");
        }
        return Map.of("Parameter", Map.of("Value", "v-" + request.path("Name").asText()));
      });
      AwsJsonClient client = new AwsJsonClient("ssm", "AmazonSSM", Region.US_EAST_1,
          Optional.of(standIn.endpoint()),
          StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIGNED", "secret")), http);

      assertThat(client.call("GetParameter", AwsJsonClient.body().put("Name", "/a")).path("Parameter")
          .path("Value").asText()).isEqualTo("v-/a");
      assertThat(standIn.calls().get(0).accessKeyId()).isEqualTo("AKIDSIGNED");

      assertThatThrownBy(() -> client.call("GetParameter", AwsJsonClient.body().put("Name", "/throttled")))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(e.isThrottlingException()).isTrue();
            assertThat(new AwsRetryClassifier().isTransient(e)).isTrue();
          });
      assertThatThrownBy(() -> client.call("DeleteParameter", AwsJsonClient.body()))
          .isInstanceOfSatisfying(AwsServiceException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }
  }

  @Test
  void aConnectionFailureIsAClientExceptionAndTransient() {
    try (SdkHttpClient http = ApacheHttpClient.builder().build()) {
      AwsJsonClient client = new AwsJsonClient("ssm", "AmazonSSM", Region.US_EAST_1,
          Optional.of(URI.create("http://127.0.0.1:1")),
          StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")), http);
      assertThatThrownBy(() -> client.call("GetParameter", AwsJsonClient.body()))
          .isInstanceOfSatisfying(SdkClientException.class,
              e -> assertThat(new AwsRetryClassifier().isTransient(e)).isTrue());
    }
  }
}
