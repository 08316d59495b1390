package io.streamlake.connect.gsr;

import io.streamlake.connect.gsr.testing.GlueRegistryStandIn;
import java.util.HashMap;
import java.util.Map;

/** Converters pointed at a Glue stand-in, with static test keys and quick retries. */
final class TestConverters {

  private TestConverters() {}

  static Map<String, Object> settings(GlueRegistryStandIn glue) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("region", "us-east-1");
    settings.put("endpoint", glue.endpoint().toString());
    settings.put("aws.access.key.id", "AKIDGSRTEST");
    settings.put("aws.secret.access.key", "not-a-secret");
    settings.put("glue.retry.backoff.ms", "1");
    settings.put("glue.retry.max.backoff.ms", "5");
    return settings;
  }

  static GlueSchemaRegistryAvroConverter value(GlueRegistryStandIn glue, Map<String, ?> extra) {
    Map<String, Object> settings = settings(glue);
    settings.putAll(extra);
    GlueSchemaRegistryAvroConverter converter = new GlueSchemaRegistryAvroConverter();
    converter.configure(settings, false);
    return converter;
  }
}
