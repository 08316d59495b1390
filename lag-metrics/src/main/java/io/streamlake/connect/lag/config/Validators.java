package io.streamlake.connect.lag.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Single-key validators whose {@code toString} states what they accept (it lands in the README table). */
final class Validators {

  private Validators() {}

  /** A Java regular expression; empty is allowed where the option says it means "none". */
  static ConfigDef.Validator regex() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        try {
          Pattern.compile(value == null ? "" : value.toString());
        } catch (PatternSyntaxException e) {
          throw new ConfigException(name, value, "Not a Java regular expression: " + e.getDescription());
        }
      }

      @Override
      public String toString() {
        return "a Java regular expression";
      }
    };
  }

  /** Empty, or an absolute http(s) URI. */
  static ConfigDef.Validator optionalHttpUri() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
          return;
        }
        try {
          URI uri = new URI(text);
          if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ConfigException(name, value, "Expected an absolute http:// or https:// URI with a host");
          }
        } catch (URISyntaxException e) {
          throw new ConfigException(name, value, "Expected an absolute http:// or https:// URI: " + e.getReason());
        }
      }

      @Override
      public String toString() {
        return "empty, or an http(s) URI such as https://monitoring.eu-west-1.amazonaws.com";
      }
    };
  }

  /** A CloudWatch namespace: 1-255 characters, not starting with the reserved "AWS/". */
  static ConfigDef.Validator namespace() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString();
        if (text.isBlank() || text.length() > 255) {
          throw new ConfigException(name, value, "A CloudWatch namespace has 1 to 255 characters");
        }
        if (text.startsWith("AWS/")) {
          throw new ConfigException(name, value, "Namespaces starting with AWS/ are reserved for AWS services");
        }
      }

      @Override
      public String toString() {
        return "1-255 characters, not starting with AWS/";
      }
    };
  }

  /** CloudWatch storage resolution: 1 (high resolution) or 60 seconds. */
  static ConfigDef.Validator storageResolution() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (!(value instanceof Integer i) || (i != 1 && i != 60)) {
          throw new ConfigException(name, value, "Allowed values: 1, 60");
        }
      }

      @Override
      public String toString() {
        return "1, 60";
      }
    };
  }
}
