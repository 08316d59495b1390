package io.streamlake.connect.s3.source.plan;

import io.streamlake.connect.s3.source.listing.LakeFile;
import java.util.Optional;

/** A data file to replay, with its keys and headers side files when the sink wrote them. */
public record PlannedFile(LakeFile data, Optional<LakeFile> keys, Optional<LakeFile> headers) {

  public String key() {
    return data.key();
  }

  public long startOffset() {
    return data.startOffset();
  }
}
