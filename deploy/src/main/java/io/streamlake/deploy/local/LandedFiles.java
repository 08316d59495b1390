package io.streamlake.deploy.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Watches a bucket prefix for data files the sink has written (epoch markers under {@code _epochs/} are left
 * out) and reports each new one once, with its row count. Called from one thread.
 */
public final class LandedFiles {

  /** One data file: its key, size and row count (-1 when the format is unknown or the file unreadable). */
  public record Landed(String key, long bytes, long rows) {}

  /** Bytes fetched from the end of a Parquet file in the first try: enough for the footer of a typical file. */
  private static final long FOOTER_GUESS = 64 * 1024;

  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final Set<String> seen = new HashSet<>();
  private long files;
  private long rows;

  public LandedFiles(S3Client client, String bucket, String topicsDir) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = topicsDir.endsWith("/") ? topicsDir : topicsDir + "/";
  }

  /** Lists the prefix and returns the data files not reported before, oldest key first. */
  public List<Landed> poll() {
    List<S3Object> fresh = new ArrayList<>();
    for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      String key = object.key();
      if (key.contains("/_epochs/") || key.startsWith(prefix + "_epochs/") || seen.contains(key)) {
        continue;
      }
      fresh.add(object);
    }
    fresh.sort((a, b) -> a.key().compareTo(b.key()));
    List<Landed> landed = new ArrayList<>();
    for (S3Object object : fresh) {
      long count;
      try {
        count = rows(object);
      } catch (IOException | RuntimeException e) {
        count = -1;
      }
      seen.add(object.key());
      files++;
      rows += Math.max(count, 0);
      landed.add(new Landed(object.key(), object.size(), count));
    }
    return landed;
  }

  /** Parquet: only the footer is fetched (two ranged GETs at most), so large files in a real bucket cost little. */
  private long rows(S3Object object) throws IOException {
    String key = object.key();
    if (key.endsWith(".parquet")) {
      long size = object.size();
      if (size < 12) {
        return -1;
      }
      byte[] tail = range(key, Math.max(0, size - FOOTER_GUESS), size - 1);
      int footerLength = RowCounter.parquetFooterLength(tail);
      if (footerLength + 8L > tail.length) {
        tail = range(key, size - 8 - footerLength, size - 1);
      }
      return RowCounter.parquetRows(tail);
    }
    return RowCounter.count(key, client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
  }

  private byte[] range(String key, long first, long last) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=" + first + "-" + last))
        .asByteArray();
  }

  public long files() {
    return files;
  }

  public long rows() {
    return rows;
  }
}
