package io.streamlake.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlake.common.config.PercentEscapes;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryFailure;
import io.streamlake.common.retry.Sleeper;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code ${secretsmanager:<secret>:<key>}} to one key of a JSON secret and
 * {@code ${secretsmanager:<secret>}} to the whole secret string, with the syntax of the MSK developer guide's
 * sample provider: the secret is a name or a URL-encoded ARN ({@code arn%3Aaws%3Asecretsmanager%3A...}, since
 * Connect splits references at {@code :}), a key may end with {@code ?ttl=<ms>}. One GetSecretValue call per
 * secret and resolution (Connect resolves at every connector and task start); transient failures are retried.
 * Values are never logged; a failure is a ConfigException naming the reference.
 */
public final class SecretsManagerConfigProvider implements ConfigProvider {

  /** The name this provider is documented under: {@code config.providers=secretsmanager,...}. */
  public static final String NAME = "secretsmanager";
  public static final ConfigDef CONFIG_DEF = ProviderOptions.define(new ConfigDef());

  private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerConfigProvider.class);

  private ProviderOptions options;
  private Retrier retrier;
  private AwsClients clients;
  private AwsJsonClient client;

  @Override
  public void configure(Map<String, ?> configs) {
    options = ProviderOptions.parse(NAME, CONFIG_DEF, configs);
    retrier = options.retrier(Sleeper.THREAD);
    clients = new AwsClients(options);
  }

  @Override
  public ConfigData get(String path) {
    throw new ConfigException("The " + NAME + " config provider resolves single"
        + " references only (${" + NAME + ":<secret>:<key>} or ${" + NAME + ":<secret>}), not a whole path");
  }

  @Override
  public ConfigData get(String path, Set<String> keys) {
    ResolvedValues values = new ResolvedValues(options.ttlMs());
    if (path == null || path.isEmpty()) {
      // ${secretsmanager:<secret>}: every key is a secret id, resolved to its whole secret string. Connect passes ""
      // (not null) as the path of a reference without a path part; null makes the reference read as written.
      for (String rawKey : keys) {
        Reference reference = Reference.of(NAME, null, rawKey);
        values.put(reference, wholeSecret(reference, fetch(reference, PercentEscapes.decode(reference.key()))));
      }
      return values.toConfigData();
    }
    String secretId = PercentEscapes.decode(path);
    SecretJson secret = null;
    for (String rawKey : keys) {
      Reference reference = Reference.of(NAME, path, rawKey);
      if (secret == null) {
        JsonNode response = fetch(reference, secretId);
        secret = SecretJson.parse(reference, text(response, "SecretString"));
      }
      values.put(reference, secret.select(reference));
    }
    LOG.debug("Resolved {} key(s) of secret {}", keys.size(), secretId);
    return values.toConfigData();
  }

  private JsonNode fetch(Reference reference, String secretId) {
    try {
      return retrier.call("Secrets Manager GetSecretValue " + secretId,
          () -> client().call("GetSecretValue", AwsJsonClient.body().put("SecretId", secretId)));
    } catch (RetryFailure e) {
      throw AwsErrors.failed(reference, e, "no such secret");
    }
  }

  private static String text(JsonNode response, String field) {
    JsonNode value = response.get(field);
    return value == null || !value.isTextual() ? null : value.textValue();
  }

  /** The secret string, else the binary secret as Base64 (the wire form of a blob already is Base64). */
  private static String wholeSecret(Reference reference, JsonNode response) {
    if (text(response, "SecretString") != null) {
      return text(response, "SecretString");
    }
    if (text(response, "SecretBinary") != null) {
      return text(response, "SecretBinary");
    }
    throw new ConfigException("Could not resolve ${" + reference
        + "}: the secret has no value");
  }

  private synchronized AwsJsonClient client() {
    if (client == null) {
      client = clients.json("secretsmanager", "secretsmanager", options.region());
    }
    return client;
  }

  @Override
  public void close() {
    if (clients != null) {
      clients.close();
    }
  }
}
