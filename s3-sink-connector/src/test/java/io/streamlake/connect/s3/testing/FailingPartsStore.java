package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.StoreException;
import java.util.Map;
import java.util.Optional;

/** A store whose multipart part uploads fail for good, as after the retry deadline: an outage, not a bad record. */
public final class FailingPartsStore implements ObjectStore {

  private final ObjectStore delegate;

  public FailingPartsStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
    return delegate.putIfAbsent(key, data, options);
  }

  @Override
  public MultipartUpload startMultipart(String key, ObjectOptions options) {
    MultipartUpload upload = delegate.startMultipart(key, options);
    return new MultipartUpload() {
      @Override
      public void uploadPart(int partNumber, byte[] data, int length) {
        throw new StoreException("UploadPart " + partNumber + " s3://" + bucket() + "/" + key + " failed after 9"
            + " attempts within s3.retry.deadline.ms=120000: HTTP 503 SlowDown", null);
      }

      @Override
      public boolean completeIfAbsent() {
        return upload.completeIfAbsent();
      }

      @Override
      public void abort() {
        upload.abort();
      }
    };
  }

  @Override
  public Optional<byte[]> get(String key) {
    return delegate.get(key);
  }

  @Override
  public Optional<Map<String, String>> metadata(String key) {
    return delegate.metadata(key);
  }

  @Override
  public Map<String, String> tags(String key) {
    return delegate.tags(key);
  }

  @Override
  public void tag(String key, Map<String, String> tags) {
    delegate.tag(key, tags);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public String bucket() {
    return delegate.bucket();
  }
}
