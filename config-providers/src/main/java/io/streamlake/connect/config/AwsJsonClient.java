package io.streamlake.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * One AWS JSON 1.1 operation call ({@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}), signed with
 * SigV4 by the SDK's own signer and sent with the SDK's HTTP client: what the Secrets Manager and SSM providers
 * need (GetSecretValue, GetParameter) without the service clients' jars (ssm-2.40.2.jar alone is 6 MB and 3,300
 * classes for one operation). A service error becomes an {@link AwsServiceException} with the service's error
 * code, status and message, as the SDK client would throw it; an I/O error an {@link SdkClientException}.
 */
final class AwsJsonClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String signingName;
  private final String targetPrefix;
  private final Region region;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  /**
   * @param signingName the service's SigV4 name and endpoint prefix ({@code secretsmanager}, {@code ssm})
   * @param targetPrefix the {@code X-Amz-Target} prefix ({@code secretsmanager}, {@code AmazonSSM})
   * @param endpoint the endpoint override, else {@code https://<signingName>.<region>.<partition domain>}
   */
  AwsJsonClient(String signingName, String targetPrefix, Region region, Optional<URI> endpoint,
      AwsCredentialsProvider credentials, SdkHttpClient http) {
    this.signingName = signingName;
    this.targetPrefix = targetPrefix;
    this.region = region;
    this.endpoint = endpoint.orElseGet(() -> defaultEndpoint(signingName, region));
    this.credentials = credentials;
    this.http = http;
  }

  static URI defaultEndpoint(String signingName, Region region) {
    RegionMetadata metadata = region.metadata();
    String domain = metadata == null ? "amazonaws.com" : metadata.domain();
    return URI.create("https://" + signingName + "." + region.id() + "." + domain);
  }

  /** A new JSON object for a request body. */
  static ObjectNode body() {
    return JSON.createObjectNode();
  }

  /**
   * Calls {@code operation} with {@code body}.
   *
   * @throws AwsServiceException when the service answers with an error
   * @throws SdkClientException when the call fails on this side (connection, timeout, unreadable answer)
   */
  JsonNode call(String operation, ObjectNode body) {
    byte[] payload;
    try {
      payload = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw SdkClientException.create("Cannot write the " + operation + " request", e);
    }
    SdkHttpRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint.resolve("/"))
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", targetPrefix + "." + operation)
        .putHeader("Content-Length", Integer.toString(payload.length))
        .build();
    SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
        .request(request)
        .payload(ContentStreamProvider.fromByteArray(payload))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    try {
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
          .request(signed.request())
          .contentStreamProvider(signed.payload().orElse(null))
          .build()).call();
      int status = response.httpResponse().statusCode();
      JsonNode answer = read(response);
      if (status / 100 != 2) {
        throw serviceError(operation, status, answer, response.httpResponse().firstMatchingHeader("x-amzn-ErrorType"));
      }
      return answer;
    } catch (IOException e) {
      throw SdkClientException.create(operation + " to " + endpoint + " failed: " + e, e);
    }
  }

  private static JsonNode read(HttpExecuteResponse response) throws IOException {
    Optional<? extends InputStream> stream = response.responseBody();
    if (stream.isEmpty()) {
      return JSON.createObjectNode();
    }
    try (InputStream in = stream.get()) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0) {
        return JSON.createObjectNode();
      }
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        // Not JSON (a proxy's error page): never quote it, it could be anything.
        return JSON.createObjectNode();
      }
    }
  }

  private AwsServiceException serviceError(String operation, int status, JsonNode answer, Optional<String> header) {
    String type = answer.path("__type").asText("");
    if (type.isEmpty()) {
      type = header.orElse("");
    }
    type = type.substring(type.lastIndexOf('#') + 1);
    int colon = type.indexOf(':');
    if (colon >= 0) {
      type = type.substring(0, colon);
    }
    if (type.isEmpty()) {
      type = "HTTP" + status;
    }
    String message = answer.path("message").asText(answer.path("Message").asText(""));
    return AwsServiceException.builder()
        .statusCode(status)
        .message(operation + ": " + type + ": " + message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(type).errorMessage(message).serviceName(signingName)
            .build())
        .build();
  }
}
