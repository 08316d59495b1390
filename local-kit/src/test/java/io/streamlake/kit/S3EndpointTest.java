package io.streamlake.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3EndpointTest {

  @TempDir
  Path dir;

  private static int put(S3Endpoint s3, String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(s3.endpoint().resolve(path))
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void inMemoryObjectsPutOverHttpAreListedAndRead() throws Exception {
    try (S3Endpoint s3 = S3Endpoint.inMemory()) {
      assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
      s3.createBucket("lake");
      s3.createBucket("lake");
      assertThat(put(s3, "/lake/t/b.json", "{\"b\":1}")).isEqualTo(200);
      assertThat(put(s3, "/lake/t/a.json", "{\"a\":1}")).isEqualTo(200);
      assertThat(put(s3, "/lake/u/c.json", "c")).isEqualTo(200);
      assertThat(s3.keys("lake", "t/")).containsExactly("t/a.json", "t/b.json");
      assertThat(new String(s3.get("lake", "t/a.json"), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
      assertThat(s3.sinkSettings("lake")).containsEntry("store.url", s3.endpoint().toString())
          .containsEntry("s3.bucket.name", "lake");
      assertThat(s3.dataDir()).isNull();
    }
  }

  @Test
  void onDiskObjectsArePlainFiles() throws Exception {
    try (S3Endpoint s3 = S3Endpoint.onDisk(dir.resolve("s3"))) {
      s3.createBucket("lake");
      assertThat(put(s3, "/lake/topics/x/part.parquet", "PAR1")).isEqualTo(200);
      assertThat(Files.readString(dir.resolve("s3/lake/topics/x/part.parquet"))).isEqualTo("PAR1");
      assertThat(s3.keys("lake", "")).containsExactly("topics/x/part.parquet");
    }
  }
}
