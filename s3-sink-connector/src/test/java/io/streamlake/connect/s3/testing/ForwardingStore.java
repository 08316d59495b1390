package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.storage.ObjectStore;
import java.util.Map;
import java.util.Optional;

/** An {@link ObjectStore} that hands every call to another; fault-injecting stores override what they break. */
public abstract class ForwardingStore implements ObjectStore {

  protected final ObjectStore delegate;

  protected ForwardingStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
    return delegate.putIfAbsent(key, data, options);
  }

  @Override
  public MultipartUpload startMultipart(String key, ObjectOptions options) {
    return delegate.startMultipart(key, options);
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

  /** A multipart upload that hands every call to another. */
  public static class ForwardingUpload implements MultipartUpload {

    protected final MultipartUpload delegate;

    public ForwardingUpload(MultipartUpload delegate) {
      this.delegate = delegate;
    }

    @Override
    public void uploadPart(int partNumber, byte[] data, int length) {
      delegate.uploadPart(partNumber, data, length);
    }

    @Override
    public boolean completeIfAbsent() {
      return delegate.completeIfAbsent();
    }

    @Override
    public void abort() {
      delegate.abort();
    }
  }
}
