package io.streamlake.connect.s3.epoch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The recorded cut of one epoch: written by the task that first cuts the epoch, before any of its data
 * files becomes visible; read by every task that later starts an epoch at the same first offset (a restart,
 * a new owner after a rebalance, or a zombie), which must then cut exactly at {@link #lastOffset}.
 *
 * <p>Serialised as JSON with stable field names: {@code v} (format version, 1), {@code topic},
 * {@code partition}, {@code first}, {@code last}, {@code files} (keys of the epoch's data objects),
 * {@code writtenAt} (epoch ms, informational), {@code writer} (task id, informational).
 */
record EpochMarker(String topic, int partition, long firstOffset, long lastOffset, List<String> files,
    long writtenAtMs, String writer) {

  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  EpochMarker {
    files = List.copyOf(files);
  }

  byte[] toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", VERSION);
    node.put("topic", topic);
    node.put("partition", partition);
    node.put("first", firstOffset);
    node.put("last", lastOffset);
    ArrayNode keys = node.putArray("files");
    files.forEach(keys::add);
    node.put("writtenAt", writtenAtMs);
    node.put("writer", writer);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  static EpochMarker fromJson(byte[] bytes, String key) {
    try {
      JsonNode node = JSON.readTree(bytes);
      int version = node.path("v").asInt(-1);
      if (version != VERSION) {
        throw new ConnectException("Epoch marker " + key + " has unknown format version " + version
            + " (this sink reads version " + VERSION + ")");
      }
      if (!node.path("topic").isTextual() || !node.path("first").canConvertToLong()
          || !node.path("last").canConvertToLong() || !node.path("partition").canConvertToInt()) {
        throw new ConnectException("Epoch marker " + key + " is incomplete: it lacks topic, partition, first or"
            + " last");
      }
      List<String> files = new ArrayList<>();
      node.path("files").forEach(f -> files.add(f.asText()));
      return new EpochMarker(node.path("topic").asText(), node.path("partition").asInt(),
          node.path("first").asLong(), node.path("last").asLong(), files, node.path("writtenAt").asLong(),
          node.path("writer").asText(""));
    } catch (IOException e) {
      throw new ConnectException("Epoch marker " + key + " is not valid JSON (" + e.getClass().getSimpleName()
          + ")", e);
    }
  }
}
