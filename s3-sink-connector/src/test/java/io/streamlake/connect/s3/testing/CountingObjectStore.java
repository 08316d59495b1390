package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.storage.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * An object store for memory and fan-out runs: keeps epoch markers, checks each Parquet data object (its
 * footer row count) and drops it, and counts files, rows, bytes and requests. Single-threaded, as one task is.
 */
public final class CountingObjectStore implements ObjectStore {

  private long rows;
  private long files;
  private long dataBytes;
  private long requests;
  private long dataRequests;
  private long multipartFiles;
  private final Map<String, byte[]> markers = new ConcurrentHashMap<>();

  public long rows() {
    return rows;
  }

  public long files() {
    return files;
  }

  public long dataBytes() {
    return dataBytes;
  }

  /** Every request, markers included. */
  public long requests() {
    return requests;
  }

  /** Requests on data objects only. */
  public long dataRequests() {
    return dataRequests;
  }

  public long multipartFiles() {
    return multipartFiles;
  }

  private static boolean isData(String key) {
    return !key.contains("_epochs/");
  }

  private void request(String key) {
    requests++;
    if (isData(key)) {
      dataRequests++;
    }
  }

  private void land(byte[] bytes) {
    try {
      for (BlockMetaData block : ParquetFiles.footer(bytes).getBlocks()) {
        rows += block.getRowCount();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    files++;
    dataBytes += bytes.length;
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
    request(key);
    if (!isData(key)) {
      return markers.putIfAbsent(key, data) == null;
    }
    land(data);
    return true;
  }

  @Override
  public MultipartUpload startMultipart(String key, ObjectOptions options) {
    request(key);
    ByteArrayOutputStream parts = new ByteArrayOutputStream();
    return new MultipartUpload() {
      @Override
      public void uploadPart(int partNumber, byte[] data, int length) {
        request(key);
        parts.write(data, 0, length);
      }

      @Override
      public boolean completeIfAbsent() {
        request(key);
        multipartFiles++;
        land(parts.toByteArray());
        return true;
      }

      @Override
      public void abort() {
        request(key);
      }
    };
  }

  @Override
  public Optional<byte[]> get(String key) {
    request(key);
    return Optional.ofNullable(markers.get(key));
  }

  /** Data objects are dropped once counted, so none is ever found existing. */
  @Override
  public Optional<Map<String, String>> metadata(String key) {
    request(key);
    return markers.containsKey(key) ? Optional.of(Map.of()) : Optional.empty();
  }

  @Override
  public Map<String, String> tags(String key) {
    request(key);
    return Map.of();
  }

  @Override
  public void tag(String key, Map<String, String> tags) {
    request(key);
  }

  @Override
  public void delete(String key) {
    request(key);
    markers.remove(key);
  }

  @Override
  public String bucket() {
    return "lake";
  }
}
