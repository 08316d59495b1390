package io.streamlake.deploy.validate;

/** One problem found in a configuration file: the option it concerns and a sentence saying what is wrong. */
public record Finding(Severity severity, String key, String message) {

  /** ERROR fails validation; WARNING is printed but does not. */
  public enum Severity { ERROR, WARNING }

  public static Finding error(String key, String message) {
    return new Finding(Severity.ERROR, key, message);
  }

  public static Finding warning(String key, String message) {
    return new Finding(Severity.WARNING, key, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return (isError() ? "ERROR   " : "WARNING ") + (key == null || key.isEmpty() ? "" : key + ": ") + message;
  }
}
