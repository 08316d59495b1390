package io.streamlake.connect.s3.source.plan;

import io.streamlake.connect.s3.source.listing.LakeFile;
import io.streamlake.connect.s3.source.listing.SourcePair;
import java.util.List;

/** The data files of one original topic-partition, in replay order ({@link LakeFile#ORDER}). */
public record PairPlan(SourcePair pair, List<PlannedFile> files) {

  public PairPlan {
    files = List.copyOf(files);
  }
}
