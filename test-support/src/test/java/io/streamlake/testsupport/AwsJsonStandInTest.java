package io.streamlake.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AwsJsonStandInTest {

  private static AwsJsonStandIn standIn;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    standIn = AwsJsonStandIn.start("test service")
        .on("Svc.Echo", body -> Map.of("Echo", body.path("Name").asText()))
        .on("Svc.Missing", body -> {
          throw AwsJsonStandIn.notFound("EntityNotFoundException", "no " + body.path("Name").asText());
        });
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  private static HttpResponse<String> post(String target, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(standIn.endpoint().resolve("/"))
        .header("X-Amz-Target", target)
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261206/us-east-1/svc/aws4_request, "
            + "SignedHeaders=host, Signature=00")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersWithTheHandlersResultAndRecordsTheCall() throws Exception {
    HttpResponse<String> response = post("Svc.Echo", "{\"Name\":\"orders\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"Echo\":\"orders\"}");
    AwsJsonStandIn.Call call = standIn.calls("Echo").get(0);
    assertThat(call.target()).isEqualTo("Svc.Echo");
    assertThat(call.body().path("Name").asText()).isEqualTo("orders");
    assertThat(call.accessKeyId()).isEqualTo("AKIDEXAMPLE");
  }

  @Test
  void aHandlerErrorBecomesAnAwsErrorBody() throws Exception {
    HttpResponse<String> response = post("Svc.Missing", "{\"Name\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("EntityNotFoundException");
    assertThat(response.body()).contains("\"__type\":\"EntityNotFoundException\"").contains("no x");
  }

  @Test
  void anUnknownTargetIsRefusedAndRecorded() throws Exception {
    HttpResponse<String> response = post("Svc.Nope", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("UnknownOperationException").contains("Svc.Nope");
    assertThat(standIn.calls("Nope")).hasSize(1);
  }

  @Test
  void scriptedFailuresComeFirstAndAreCounted() throws Exception {
    int before = standIn.injectedFailures();
    standIn.failNext(2, 503, "ThrottlingException");

    assertThat(post("Svc.Echo", "{\"Name\":\"a\"}").statusCode()).isEqualTo(503);
    assertThat(post("Svc.Echo", "{\"Name\":\"a\"}").body()).contains("ThrottlingException");
    assertThat(post("Svc.Echo", "{\"Name\":\"a\"}").statusCode()).isEqualTo(200);
    assertThat(standIn.injectedFailures() - before).isEqualTo(2);
  }
}
