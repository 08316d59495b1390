package io.streamlake.connect.cdc.envelope;

import java.util.List;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/** Implements {@code drop.fields.header.name}: removes the fields a header lists from the row (and key). */
public final class FieldDropper {

  private final String headerName;
  private final boolean fromKey;
  private final boolean onlyOptional;
  private final RowEditor editor;

  /**
   * @param headerName header listing the fields, or {@code null} to drop nothing
   * @param fromKey also remove them from the key
   * @param onlyOptional remove only optional fields ({@code drop.fields.keep.schema.compatible})
   */
  public FieldDropper(String headerName, boolean fromKey, boolean onlyOptional, RowEditor editor) {
    this.headerName = headerName;
    this.fromKey = fromKey;
    this.onlyOptional = onlyOptional;
    this.editor = editor;
  }

  /** The names listed by the first header called {@code headerName}; empty when there is none. */
  public List<String> namesFor(ConnectRecord<?> record, Headers headers) {
    if (headerName == null) {
      return List.of();
    }
    Header header = null;
    for (Header candidate : headers) {
      if (candidate.key().equals(headerName)) {
        header = candidate;
        break;
      }
    }
    if (header == null || header.value() == null) {
      return List.of();
    }
    if (!(header.value() instanceof List<?> list)) {
      throw new DataException("Header '" + headerName + "' of " + RecordCoordinates.describe(record)
          + " must be a list of field names, but is a " + header.value().getClass().getSimpleName());
    }
    return list.stream().map(String::valueOf).toList();
  }

  /** The key without the listed fields, when {@code drop.fields.from.key} is on. */
  public SchemaAndValue key(SchemaAndValue key, List<String> names) {
    return !fromKey || names.isEmpty() ? key : editor.without(key, names, onlyOptional);
  }

  /** The row without the listed fields. */
  public SchemaAndValue value(SchemaAndValue row, List<String> names) {
    return names.isEmpty() ? row : editor.without(row, names, onlyOptional);
  }
}
