package io.streamlake.deploy.providers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * The config provider {@code streamlake-local} declares in its worker under each referenced provider name
 * ({@code secretsmanager}, {@code ssm}, ...) instead of the AWS-backed ones: it answers from the values given with
 * {@code --secret}/{@code --secrets-file}, so a connector configuration keeps its references and the worker resolves
 * them as MSK Connect's would. Params: {@code provider} (the name it is declared under) and {@code file} (a
 * properties file, owner-only, that the CLI writes and deletes, keyed by {@link ProviderReference#lookupKey()}). An
 * unknown reference fails naming it, as the real providers do. Connect passes an empty path (never null) for a
 * reference without a path part ({@code ${secretsmanager:name}}), so an empty path is looked up and named as one.
 */
public final class LocalValuesProvider implements ConfigProvider {

  private String provider;
  private final Map<String, String> values = new HashMap<>();

  @Override
  public void configure(Map<String, ?> configs) {
    provider = String.valueOf(configs.get("provider"));
    Object file = configs.get("file");
    if (file == null) {
      throw new ConfigException("LocalValuesProvider needs param.file");
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(file.toString()))) {
      props.load(in);
    } catch (IOException e) {
      throw new ConfigException("LocalValuesProvider cannot read " + file + ": " + e);
    }
    props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name)));
  }

  @Override
  public ConfigData get(String path) {
    throw new ConfigException("The local " + provider + " provider resolves single references only");
  }

  @Override
  public ConfigData get(String path, Set<String> keys) {
    Map<String, String> data = new HashMap<>();
    for (String key : keys) {
      int ttl = key.lastIndexOf("?ttl=");
      String plainKey = ttl < 0 ? key : key.substring(0, ttl);
      ProviderReference reference = new ProviderReference("", provider, path == null || path.isEmpty() ? null : path,
          plainKey);
      String value = values.get(reference.lookupKey());
      if (value == null) {
        throw new ConfigException("Could not resolve " + reference + ": no local value (give it with --secret "
            + reference.text() + "=VALUE or in --secrets-file)");
      }
      data.put(key, value);
    }
    return new ConfigData(data);
  }

  @Override
  public void close() {
    values.clear();
  }
}
