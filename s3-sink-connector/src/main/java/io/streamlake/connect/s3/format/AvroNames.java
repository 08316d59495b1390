package io.streamlake.connect.s3.format;

/** Avro names allow {@code [A-Za-z_][A-Za-z0-9_]*}; Connect field and schema names allow more. */
final class AvroNames {

  private AvroNames() {}

  static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
      out.append(ok ? c : '_');
    }
    return out.length() == 0 ? "_" : out.toString();
  }

  /** Sanitises each dot-separated part of a full name. */
  static String sanitizeFullName(String name) {
    String[] parts = name.split("\\.", -1);
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(sanitize(part));
    }
    return out.toString();
  }
}
