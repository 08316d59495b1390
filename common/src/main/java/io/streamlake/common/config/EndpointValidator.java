package io.streamlake.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validates an endpoint override option (an AWS client's {@code endpointOverride}): empty, or an absolute http(s)
 * URL with a host. Its {@code toString} is what the generated option tables show.
 */
public final class EndpointValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    String text = value == null ? "" : value.toString().trim();
    if (!text.isEmpty()) {
      parse(name, text);
    }
  }

  /**
   * The endpoint {@code value} of option {@code name}.
   *
   * @throws ConfigException naming {@code name}, when {@code value} is not an absolute http(s) URL with a host
   */
  public static URI parse(String name, String value) {
    String text = value.trim();
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
        throw new ConfigException(name, value, "must be empty or an absolute http(s) URL such as https://host[:port]");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(name, value, "must be empty or an absolute http(s) URL such as https://host[:port]: "
          + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "empty, or an absolute http(s) URL";
  }
}
