package io.streamlake.connect.s3.source.listing;

import io.streamlake.connect.s3.storage.S3Calls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link LakeStore} on the SDK v2 S3 client the sink builds ({@code S3Stores.client}); every request goes
 * through the sink's {@link S3Calls} (the shared Retrier with S3's error classification: jittered back-off
 * until {@code s3.retry.deadline.ms}, a WARN per retry, a StoreException naming bucket and key at the end).
 */
public final class S3LakeStore implements LakeStore {

  private static final int PAGE_SIZE = 1000;

  private final S3Client client;
  private final String bucket;
  private final S3Calls calls;
  private final int pageSize;

  public S3LakeStore(S3Client client, String bucket, S3Calls calls) {
    this(client, bucket, calls, PAGE_SIZE);
  }

  /** With listing pages of {@code pageSize} keys (S3 returns at most 1000). */
  public S3LakeStore(S3Client client, String bucket, S3Calls calls, int pageSize) {
    this.client = client;
    this.bucket = bucket;
    this.calls = calls;
    this.pageSize = pageSize;
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
          .maxKeys(pageSize);
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Response page = calls.call("ListObjectsV2", bucket, prefix, () -> client.listObjectsV2(
          request.build()));
      for (S3Object object : page.contents()) {
        keys.add(object.key());
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return keys;
  }

  @Override
  public Optional<Map<String, String>> metadata(String key) {
    return calls.ifExists("HeadObject", bucket, key,
        () -> client.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build()).metadata());
  }

  @Override
  public void download(String key, Path target) {
    calls.call("GetObject", bucket, key, () -> {
      try (ResponseInputStream<GetObjectResponse> in = client.getObject(GetObjectRequest.builder().bucket(bucket)
          .key(key).build())) {
        copy(in, target);
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException("reading s3://" + bucket + "/" + key, e);
      }
    });
  }

  private static void copy(InputStream in, Path target) throws IOException {
    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public String bucket() {
    return bucket;
  }
}
