package io.streamlake.connect.s3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.ObjectStore.ObjectOptions;
import io.streamlake.connect.s3.storage.S3Calls;
import io.streamlake.connect.s3.storage.S3ErrorClassifier;
import io.streamlake.connect.s3.storage.S3ObjectStore;
import io.streamlake.connect.s3.storage.S3ObjectStore.S3WriteSettings;
import io.streamlake.connect.s3.testing.S3TestClients;
import io.streamlake.kit.S3Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The S3 store against an S3-compatible server: both write paths (single PUT and multipart) carry the
 * object's metadata, and both refuse to overwrite an existing key (HTTP 412 reported as "already there").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ObjectStoreIT {

  private static final String BUCKET = "store-it";

  private S3Endpoint s3;
  private S3Client client;
  private ObjectStore store;

  @BeforeAll
  void start() throws Exception {
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    client = S3TestClients.of(s3);
    store = new S3ObjectStore(client, BUCKET, S3WriteSettings.DEFAULTS,
        new S3Calls(new Retrier(RetryPolicy.withDeadline(Backoff.of(10, 100, Jitter.EQUAL), 5_000),
            new S3ErrorClassifier(), System::currentTimeMillis, Thread::sleep)));
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void singlePutCarriesMetadataAndNeverOverwrites() {
    ObjectOptions options = new ObjectOptions(Map.of(), Map.of("start-offset", "42"));
    assertThat(store.putIfAbsent("a/small", bytes("first"), options)).isTrue();
    assertThat(store.putIfAbsent("a/small", bytes("second"), options)).as("second PUT of the key").isFalse();
    assertThat(store.get("a/small")).map(String::new).contains("first");
    assertThat(head("a/small").metadata()).containsEntry("start-offset", "42");
    assertThat(store.get("a/missing")).isEqualTo(Optional.empty());
  }

  @Test
  void multipartCarriesMetadataAndNeverOverwrites() {
    byte[] part = new byte[5 * 1024 * 1024];
    Arrays.fill(part, (byte) 'x');
    ObjectOptions options = new ObjectOptions(Map.of(), Map.of("records", "7"));
    ObjectStore.MultipartUpload first = store.startMultipart("b/large", options);
    first.uploadPart(1, part, part.length);
    first.uploadPart(2, bytes("tail"), 4);
    assertThat(first.completeIfAbsent()).isTrue();

    ObjectStore.MultipartUpload second = store.startMultipart("b/large", options);
    second.uploadPart(1, bytes("other"), 5);
    assertThat(second.completeIfAbsent()).as("second completion of the key").isFalse();
    second.abort();

    assertThat(head("b/large").contentLength()).isEqualTo(part.length + 4L);
    assertThat(head("b/large").metadata()).containsEntry("records", "7");
  }

  @Test
  void aCompletionWhoseAnswerWasLostIsRecognisedByItsEtag() {
    byte[] part = new byte[5 * 1024 * 1024];
    Arrays.fill(part, (byte) 'y');
    ObjectStore.MultipartUpload upload = store.startMultipart("c/lost-answer", ObjectOptions.NONE);
    upload.uploadPart(1, part, part.length);
    upload.uploadPart(2, bytes("end"), 3);
    assertThat(upload.completeIfAbsent()).isTrue();
    // The same completion again (as a retry after a lost answer): S3 says NoSuchUpload, the object is ours.
    assertThat(upload.completeIfAbsent()).as("retried completion of our own upload").isTrue();
  }

  @Test
  void aCompletionThatFindsAnotherWritersObjectIsNotCreated() {
    byte[] part = new byte[5 * 1024 * 1024];
    Arrays.fill(part, (byte) 'z');
    ObjectStore.MultipartUpload theirs = store.startMultipart("d/race", ObjectOptions.NONE);
    theirs.uploadPart(1, part, part.length);
    theirs.uploadPart(2, bytes("theirs"), 6);
    ObjectStore.MultipartUpload ours = store.startMultipart("d/race", ObjectOptions.NONE);
    ours.uploadPart(1, part, part.length);
    ours.uploadPart(2, bytes("ours"), 4);
    ours.abort(); // as the lifecycle rule or S3 after a ConditionalRequestConflict does
    assertThat(theirs.completeIfAbsent()).isTrue();
    assertThat(ours.completeIfAbsent()).as("our upload is gone and the key holds another object").isFalse();
  }

  private HeadObjectResponse head(String key) {
    return client.headObject(b -> b.bucket(BUCKET).key(key));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
