package io.streamlake.connect.cdc.oracle;

import io.streamlake.connect.cdc.fixtures.Envelopes.Case;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where we deliberately differ from Debezium inside the oracle matrix, each with the result we produce instead.
 * Everything not listed here must be equal.
 */
final class KnownDifferences {

  private KnownDifferences() {}

  /**
   * Debezium fails with a NullPointerException when a delete becomes a tombstone (delete-to-tombstone) and the
   * record carries a drop-fields header while drop.fields.keep.schema.compatible is true: it asks the missing
   * value schema for its fields. We emit the tombstone (there is nothing to drop from a null value).
   *
   * @return a description when the failure is this documented case and our result is the documented one,
   *     otherwise {@code null}
   */
  static String whenDebeziumFails(Map<String, String> config, Case c, RuntimeException failure, SinkRecord ours) {
    boolean deleteToTombstone = "delete-to-tombstone".equals(config.get("delete.tombstone.handling.mode"));
    boolean dropping = config.containsKey("drop.fields.header.name")
        && !"false".equals(config.get("drop.fields.keep.schema.compatible"));
    boolean isDelete = c.name().startsWith("delete") && !c.name().startsWith("delete without before");
    boolean tombstoneOut = ours != null && ours.value() == null && ours.valueSchema() == null;
    if (deleteToTombstone && dropping && isDelete && failure instanceof NullPointerException && tombstoneOut) {
      return "delete-to-tombstone with drop.fields.header.name: Debezium NPE, ours a tombstone";
    }
    return null;
  }
}
