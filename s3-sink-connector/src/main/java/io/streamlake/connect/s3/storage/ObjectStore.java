package io.streamlake.connect.s3.storage;

import java.util.Map;
import java.util.Optional;

/**
 * The few object-store operations the sink needs. Every write is conditional on the key being absent
 * ({@code If-None-Match: *}), so a replayed write of the same deterministic key is detected, never doubled.
 * Implementations retry transient failures themselves and throw {@link StoreException} when they give up.
 */
public interface ObjectStore {

  /** Writes a whole object unless the key exists. @return false when the key already existed (HTTP 412) */
  boolean putIfAbsent(String key, byte[] data, ObjectOptions options);

  /** Starts a multipart upload for {@code key}. */
  MultipartUpload startMultipart(String key, ObjectOptions options);

  /** Reads a small object, or empty when it does not exist. */
  Optional<byte[]> get(String key);

  /**
   * The user metadata of an existing object (a HEAD request), or empty when the key does not exist. Data
   * objects state the offsets they hold there (see {@code writer.FileRange}), so a writer that meets an
   * existing key can tell what it holds.
   */
  Optional<Map<String, String>> metadata(String key);

  /** The tags of an existing object; empty when it has none. */
  Map<String, String> tags(String key);

  /** Replaces the tags of an existing object (used after a multipart upload completes). */
  void tag(String key, Map<String, String> tags);

  /** Deletes an object; absent keys are not an error. */
  void delete(String key);

  /** The bucket, for log and error messages. */
  String bucket();

  /** An upload in progress. Parts are numbered from 1. */
  interface MultipartUpload {
    void uploadPart(int partNumber, byte[] data, int length);

    /** Completes unless the key exists. @return false when the key already existed (HTTP 412) */
    boolean completeIfAbsent();

    /** Aborts, freeing the uploaded parts. Never throws. */
    void abort();
  }

  /**
   * Per-object settings: tags and user metadata. A multipart upload cannot take metadata at completion, so
   * metadata known only then is attached as tags by {@link UploadStream}.
   */
  record ObjectOptions(Map<String, String> tags, Map<String, String> metadata) {
    public static final ObjectOptions NONE = new ObjectOptions(Map.of(), Map.of());
  }
}
