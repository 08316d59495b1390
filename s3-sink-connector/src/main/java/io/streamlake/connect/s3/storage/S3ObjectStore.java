package io.streamlake.connect.s3.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** {@link ObjectStore} on AWS SDK v2, with conditional writes and the sink's retry policy. */
public final class S3ObjectStore implements ObjectStore {

  private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);

  private final S3Client s3;
  private final String bucket;
  private final S3WriteSettings settings;
  private final S3Calls calls;

  public S3ObjectStore(S3Client s3, String bucket, S3WriteSettings settings, S3Calls calls) {
    this.s3 = s3;
    this.bucket = bucket;
    this.settings = settings;
    this.calls = calls;
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*")
        .contentLength((long) data.length);
    apply(options, new ObjectSetters(request::metadata, request::tagging, request::serverSideEncryption,
        request::ssekmsKeyId, request::acl, request::storageClass));
    PutObjectRequest built = request.build();
    return calls.call("PUT", bucket, key, () -> {
      try {
        s3.putObject(built, RequestBody.fromBytes(data));
        return true;
      } catch (S3Exception e) {
        if (isAlreadyExists(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public MultipartUpload startMultipart(String key, ObjectOptions options) {
    CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(bucket).key(key);
    apply(options, new ObjectSetters(request::metadata, request::tagging, request::serverSideEncryption,
        request::ssekmsKeyId, request::acl, request::storageClass));
    CreateMultipartUploadRequest built = request.build();
    String uploadId = calls.call("CreateMultipartUpload", bucket, key,
        () -> s3.createMultipartUpload(built).uploadId());
    return new S3MultipartUpload(key, uploadId);
  }

  @Override
  public Optional<byte[]> get(String key) {
    return calls.ifExists("GET", bucket, key, () -> {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      return bytes.asByteArray();
    });
  }

  @Override
  public Optional<Map<String, String>> metadata(String key) {
    return head(key).map(response -> Map.copyOf(response.metadata()));
  }

  private Optional<HeadObjectResponse> head(String key) {
    return calls.ifExists("HEAD", bucket, key, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
  }


  /** Tags; empty (with a WARN) where the store does not offer tagging or the role may not read tags. */
  @Override
  public Map<String, String> tags(String key) {
    try {
      return calls.call("GetObjectTagging", bucket, key, () -> {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
      });
    } catch (StoreException e) {
      log.warn("Could not read the tags of s3://{}/{} ({}); treating its offsets as unknown (grant"
          + " s3:GetObjectTagging to the connector's role)", bucket, key, e.getMessage());
      return Map.of();
    }
  }

  @Override
  public void tag(String key, Map<String, String> tags) {
    List<Tag> tagSet = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
    calls.call("PutObjectTagging", bucket, key,
        () -> s3.putObjectTagging(b -> b.bucket(bucket).key(key).tagging(t -> t.tagSet(tagSet))));
  }

  @Override
  public void delete(String key) {
    calls.call("DELETE", bucket, key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  /** The setters a new object's request has, whatever its type (PutObject or CreateMultipartUpload). */
  private record ObjectSetters(Consumer<Map<String, String>> metadata, Consumer<String> tagging,
      Consumer<ServerSideEncryption> sse, Consumer<String> kmsKeyId, Consumer<ObjectCannedACL> acl,
      Consumer<StorageClass> storageClass) {
  }

  /** Applies the object's metadata and tags and the connector's SSE, ACL and storage class settings. */
  private void apply(ObjectOptions options, ObjectSetters set) {
    if (!options.metadata().isEmpty()) {
      set.metadata().accept(options.metadata());
    }
    if (!options.tags().isEmpty()) {
      set.tagging().accept(tagging(options.tags()));
    }
    settings.sse().ifPresent(set.sse());
    settings.kmsKeyId().ifPresent(set.kmsKeyId());
    settings.acl().ifPresent(set.acl());
    settings.storageClass().ifPresent(set.storageClass());
  }


  private static String tagging(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> SdkHttpUtils.urlEncode(e.getKey()) + "=" + SdkHttpUtils.urlEncode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** 412 Precondition Failed: the key exists. S3 may also answer 409 ConditionalRequestConflict on a race. */
  static boolean isAlreadyExists(S3Exception e) {
    return e.statusCode() == 412;
  }

  private final class S3MultipartUpload implements MultipartUpload {
    private final String key;
    private final String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();

    S3MultipartUpload(String key, String uploadId) {
      this.key = key;
      this.uploadId = uploadId;
    }

    @Override
    public void uploadPart(int partNumber, byte[] data, int length) {
      UploadPartRequest request = UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
          .partNumber(partNumber).contentLength((long) length).build();
      String etag = calls.call("UploadPart " + partNumber, bucket, key,
          () -> s3.uploadPart(request, RequestBody.fromBytes(length == data.length ? data
              : java.util.Arrays.copyOf(data, length))).eTag());
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
    }

    @Override
    public boolean completeIfAbsent() {
      CompleteMultipartUploadRequest request = CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
          .uploadId(uploadId).ifNoneMatch("*")
          .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build();
      boolean created = calls.call("CompleteMultipartUpload", bucket, key, () -> {
        try {
          s3.completeMultipartUpload(request);
          return true;
        } catch (S3Exception e) {
          if (isAlreadyExists(e)) {
            return false;
          }
          if (e.statusCode() == 404) {
            // NoSuchUpload: an earlier attempt of this request may have completed with its answer lost. The
            // object there is this upload's only when its ETag is the one these parts make; any other object
            // is not created by us and goes to the caller's check of what an existing key holds.
            Optional<HeadObjectResponse> there = head(key);
            if (there.isPresent()) {
              return isOurs(there.get());
            }
          }
          throw e;
        }
      });
      if (!created) {
        abort();
      }
      return created;
    }

    /** Whether the object is the one these parts make: S3's multipart ETag is md5(part md5s)-count. */
    private boolean isOurs(HeadObjectResponse object) {
      String ours = MultipartEtag.of(parts.stream().map(CompletedPart::eTag).toList());
      return MultipartEtag.unquote(object.eTag()).equals(ours);
    }

    @Override
    public void abort() {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      } catch (RuntimeException e) {
        log.warn("Could not abort multipart upload of s3://{}/{} ({}); a bucket lifecycle rule for incomplete"
            + " uploads removes its parts", bucket, key, calls.describe(e));
      }
    }
  }

  /** Encryption, ACL and storage class applied to every data object. */
  public record S3WriteSettings(Optional<ServerSideEncryption> sse, Optional<String> kmsKeyId,
      Optional<ObjectCannedACL> acl, Optional<StorageClass> storageClass) {
    public static final S3WriteSettings DEFAULTS = new S3WriteSettings(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
