package io.streamlake.connect.s3.source.listing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few read operations the source connector needs from the bucket the sink wrote. Implementations retry
 * transient failures themselves (a WARN per retry) and throw {@code StoreException} when they give up.
 */
public interface LakeStore {

  /** Every key under {@code prefix}, in the store's (lexicographic) order, all pages of the listing. */
  List<String> list(String prefix);

  /** The user metadata of an object, or empty when the key does not exist. */
  Optional<Map<String, String>> metadata(String key);

  /** Downloads an object to {@code target} (replaced if it exists). */
  void download(String key, Path target);

  /** The bucket, for log and error messages. */
  String bucket();
}
