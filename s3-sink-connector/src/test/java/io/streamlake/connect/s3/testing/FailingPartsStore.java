package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.StoreException;

/** A store whose multipart part uploads fail for good, as after the retry deadline: an outage, not a bad record. */
public final class FailingPartsStore extends ForwardingStore {

  public FailingPartsStore(ObjectStore delegate) {
    super(delegate);
  }

  @Override
  public MultipartUpload startMultipart(String key, ObjectOptions options) {
    return new ForwardingUpload(delegate.startMultipart(key, options)) {
      @Override
      public void uploadPart(int partNumber, byte[] data, int length) {
        throw new StoreException("UploadPart " + partNumber + " s3://" + bucket() + "/" + key + " failed after 9"
            + " attempts within s3.retry.deadline.ms=120000: HTTP 503 SlowDown", null);
      }
    };
  }
}
