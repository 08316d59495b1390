package io.streamlake.connect.gsr;

import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.retry.Sleeper;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * What a configured converter of either data format holds: its options, the Glue client with its credentials, and
 * the registry view ({@link GlueSchemas}) for that format. The two converters differ only in how a definition and a
 * payload become Connect data and back.
 */
final class GlueSession implements AutoCloseable {

  private final GsrConverterConfig config;
  private final GlueClient glue;
  private final CredentialSettings.Provider credentials;
  private final GlueSchemas registry;

  private GlueSession(GsrConverterConfig config, GlueClient glue, CredentialSettings.Provider credentials,
      GlueSchemas registry) {
    this.config = config;
    this.glue = glue;
    this.credentials = credentials;
    this.registry = registry;
  }

  /** Parses a converter's configuration (the worker's map) and builds the Glue client it names. */
  static GlueSession open(DataFormat format, Map<String, ?> configs, boolean isKey) {
    Map<String, Object> props = new HashMap<>(configs);
    props.putIfAbsent(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
    GsrConverterConfig parsed = new GsrConverterConfig(format, props);
    Region region = GlueClients.region(parsed);
    CredentialSettings.Provider provider = parsed.credentials().provider(region);
    return of(parsed, GlueClients.create(parsed, region, provider), provider, Sleeper.THREAD);
  }

  /** Test seam: a given client and sleeper. */
  static GlueSession of(GsrConverterConfig parsed, GlueClient client, CredentialSettings.Provider provider,
      Sleeper sleeper) {
    return new GlueSession(parsed, client, provider,
        new GlueSchemas(client, GlueClients.retrier(parsed, sleeper), System::currentTimeMillis, parsed));
  }

  GsrConverterConfig config() {
    return config;
  }

  GlueSchemas registry() {
    return registry;
  }

  @Override
  public void close() {
    glue.close();
    if (credentials != null) {
      credentials.close();
    }
  }
}
