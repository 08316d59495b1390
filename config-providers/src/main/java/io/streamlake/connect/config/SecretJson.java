package io.streamlake.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.config.ConfigException;

/**
 * A secret string holding a JSON object, as the Secrets Manager console stores key/value secrets
 * ({@code {"username":"app","password":"..."}}), and the selection of one key from it. Error messages never
 * hold the secret or a parser's excerpt of it (Jackson's messages quote the input).
 */
final class SecretJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode object;

  private SecretJson(JsonNode object) {
    this.object = object;
  }

  /** Parses {@code secret} for {@code reference}; fails, without quoting it, when it is not a JSON object. */
  static SecretJson parse(Reference reference, String secret) {
    JsonNode node;
    try {
      node = secret == null ? null : JSON.readTree(secret);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new ConfigException("Could not resolve ${" + reference + "}: the secret is not a JSON object, so it has"
          + " no key '" + reference.key() + "' (use ${" + reference.provider() + ":" + reference.path()
          + "} for the whole secret string)");
    }
    return new SecretJson(node);
  }

  /** The value of the reference's key: a JSON string as its text, any other JSON value as JSON text. */
  String select(Reference reference) {
    JsonNode value = object.get(reference.key());
    if (value == null || value.isNull()) {
      throw new ConfigException("Could not resolve ${" + reference + "}: the secret has no key '" + reference.key()
          + "'");
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
