package io.streamlake.connect.s3.config;

import io.streamlake.connect.s3.path.PathFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validators of the options that say how a path's time part reads ({@code path.format}, {@code timezone},
 * {@code locale}): the sink writes paths with them and the S3 source reads paths back with the same options.
 */
public final class PathValidators {

  private PathValidators() {}

  /** Empty, or a Joda-style pattern {@link PathFormat} understands. */
  public static ConfigDef.Validator pathFormat() {
    return new PathFormatValidator();
  }

  /** Empty, or a timezone id. */
  public static ConfigDef.Validator timezone() {
    return new TimezoneValidator();
  }

  /** A locale such as en_US or de_DE. */
  public static ConfigDef.Validator locale() {
    return new LocaleValidator();
  }

  /** The locale of a value {@link #locale()} accepted. */
  public static Locale parseLocale(String text) {
    String[] parts = text.split("[_-]");
    return parts.length == 1 ? new Locale(parts[0]) : new Locale(parts[0], parts[1]);
  }

  private static final class LocaleValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString();
      if (!text.matches("[a-zA-Z]{2,3}([_-][a-zA-Z]{2}|[_-][0-9]{3})?")) {
        throw new ConfigException(name, value, "Expected a locale such as en_US or de_DE");
      }
    }

    @Override
    public String toString() {
      return "a locale such as en_US";
    }
  }

  private static final class TimezoneValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString();
      if (text.isBlank()) {
        return;
      }
      try {
        ZoneId.of(text);
      } catch (DateTimeException e) {
        throw new ConfigException(name, value, "Expected a timezone id such as UTC or Europe/Berlin");
      }
    }

    @Override
    public String toString() {
      return "a timezone id such as UTC or Europe/Berlin";
    }
  }

  private static final class PathFormatValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString();
      if (!text.isBlank()) {
        try {
          PathFormat.toJavaPattern(text);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, e.getMessage());
        }
      }
    }

    @Override
    public String toString() {
      return "a Joda-style pattern, e.g. 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";
    }
  }
}
