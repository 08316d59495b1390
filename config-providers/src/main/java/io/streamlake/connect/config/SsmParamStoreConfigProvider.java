package io.streamlake.connect.config;

import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryFailure;
import io.streamlake.common.retry.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code ${ssm::/parameter/name}} to the value of an SSM Parameter Store parameter (a SecureString is
 * decrypted; a StringList comes as its comma-separated text), with the syntax of the MSK developer guide's
 * sample provider: the path part stays empty, the key is the parameter's name or ARN and may end with
 * {@code ?ttl=<ms>}. One GetParameter call per parameter and resolution; transient failures are retried.
 * Values are never logged; a failure is a ConfigException naming the reference.
 */
public final class SsmParamStoreConfigProvider implements ConfigProvider {

  /** The name this provider is documented under: {@code config.providers=ssm,...}. */
  public static final String NAME = "ssm";
  public static final ConfigDef CONFIG_DEF = ProviderOptions.define(new ConfigDef());

  private static final Logger LOG = LoggerFactory.getLogger(SsmParamStoreConfigProvider.class);

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
    throw new ConfigException("The " + NAME + " config provider resolves single references only"
        + " (${" + NAME + "::/parameter/name}), not a whole path");
  }

  @Override
  public ConfigData get(String path, Set<String> keys) {
    ResolvedValues values = new ResolvedValues(options.ttlMs());
    for (String rawKey : keys) {
      Reference reference = Reference.of(NAME, path, rawKey);
      if (!reference.pathOrEmpty().isEmpty()) {
        throw new ConfigException("Invalid reference ${" + reference + "}: write ${" + NAME + "::" + rawKey
            + "} (the parameter name goes after two colons; this provider has no path part)");
      }
      String name = reference.key();
      try {
        JsonNode value = retrier.call("SSM GetParameter " + name,
            () -> client().call("GetParameter", AwsJsonClient.body().put("Name", name).put("WithDecryption", true)));
        JsonNode parameter = value.path("Parameter").path("Value");
        if (!parameter.isTextual()) {
          throw new ConfigException("Could not resolve ${" + reference + "}: the answer holds no parameter value");
        }
        values.put(reference, parameter.textValue());
      } catch (RetryFailure e) {
        throw AwsErrors.failed(reference, e, "no such parameter");
      }
    }
    LOG.debug("Resolved {} parameter(s)", keys.size());
    return values.toConfigData();
  }

  private synchronized AwsJsonClient client() {
    if (client == null) {
      client = clients.json("ssm", "AmazonSSM", options.region());
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
