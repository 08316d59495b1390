package io.streamlake.deploy.iam;

import io.streamlake.deploy.iam.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Glue statements of a connector whose key or value converter is one of our Glue Schema Registry converters
 * ({@code gsr-converter}: Avro or JSON Schema; both make the same Glue calls). A sink only reads: {@code glue:GetSchemaVersion}, which Glue authorises against
 * {@code *} (a schema version id names no registry or schema ARN). A source writes: {@code glue:GetSchemaByDefinition}
 * on the registry and the schema the converter writes under, and with {@code schemaAutoRegistrationEnabled=true}
 * {@code glue:RegisterSchemaVersion}, {@code glue:CreateSchema} and {@code glue:GetSchemaVersion} (a new version is
 * polled until AVAILABLE). A role the converter assumes ({@code sts.role.arn} or AWS's {@code assumeRoleArn}) is
 * granted {@code sts:AssumeRole}; the Glue statements are then that role's, but are kept here too, so that the same
 * policy works without the role.
 */
final class GlueSchemaRegistryStatements {

  static final String CONVERTER = "io.streamlake.connect.gsr.GlueSchemaRegistryAvroConverter";
  static final String JSON_SCHEMA_CONVERTER = "io.streamlake.connect.gsr.GlueSchemaRegistryJsonSchemaConverter";
  private static final List<String> CONVERTERS = List.of(CONVERTER, JSON_SCHEMA_CONVERTER);
  private static final List<String> PREFIXES = List.of("key.converter", "value.converter");

  private GlueSchemaRegistryStatements() {}

  /** The converter prefixes ({@code key.converter}, {@code value.converter}) that use our GSR converter. */
  static List<String> prefixes(Map<String, String> config) {
    return PREFIXES.stream().filter(p -> CONVERTERS.contains(config.getOrDefault(p, "").trim())).toList();
  }

  /** Reading records (a sink): one schema fetch per schema version id. */
  static List<Statement> forReading(Map<String, String> config) {
    List<String> prefixes = prefixes(config);
    if (prefixes.isEmpty()) {
      return List.of();
    }
    List<Statement> statements = new ArrayList<>();
    statements.add(Statement.allow("ReadSchemasFromTheGlueSchemaRegistry", List.of("glue:GetSchemaVersion"),
        List.of("*")));
    statements.addAll(roles(config, prefixes));
    return statements;
  }

  /** Writing records (a source) to {@code topics}: look up, and when enabled register, their schemas. */
  static List<Statement> forWriting(Map<String, String> config, KafkaArns kafka, List<String> topics) {
    List<String> prefixes = prefixes(config);
    if (prefixes.isEmpty()) {
      return List.of();
    }
    String account = kafka.cluster().split(":")[4];
    List<String> resources = new ArrayList<>();
    boolean register = false;
    for (String prefix : prefixes) {
      String region = config.getOrDefault(prefix + ".region", "").trim();
      String registry = config.getOrDefault(prefix + ".registry.name", "default-registry").trim();
      String arn = "arn:aws:glue:" + (region.isEmpty() ? "*" : region) + ":" + account + ":";
      add(resources, arn + "registry/" + registry);
      String schemaName = config.getOrDefault(prefix + ".schemaName", "").trim();
      for (String schema : schemaName.isEmpty() ? topics : List.of(schemaName)) {
        add(resources, arn + "schema/" + registry + "/" + schema);
      }
      register |= Boolean.parseBoolean(config.getOrDefault(prefix + ".schemaAutoRegistrationEnabled", "false")
          .trim());
    }
    List<Statement> statements = new ArrayList<>();
    statements.add(Statement.allow("LookUpSchemasInTheGlueSchemaRegistry", List.of("glue:GetSchemaByDefinition"),
        resources));
    if (register) {
      statements.add(Statement.allow("RegisterSchemasInTheGlueSchemaRegistry", List.of("glue:RegisterSchemaVersion",
          "glue:CreateSchema"), resources));
      statements.add(Statement.allow("PollRegisteredSchemaVersions", List.of("glue:GetSchemaVersion"),
          List.of("*")));
    }
    statements.addAll(roles(config, prefixes));
    return statements;
  }

  private static List<Statement> roles(Map<String, String> config, List<String> prefixes) {
    List<String> roles = new ArrayList<>();
    for (String prefix : prefixes) {
      for (String key : List.of(".sts.role.arn", ".assumeRoleArn")) {
        String role = config.getOrDefault(prefix + key, "").trim();
        if (!role.isEmpty()) {
          add(roles, role);
        }
      }
    }
    return roles.isEmpty() ? List.of()
        : List.of(Statement.allow("AssumeTheSchemaRegistryRole", List.of("sts:AssumeRole"), roles));
  }

  private static void add(List<String> list, String value) {
    if (!list.contains(value)) {
      list.add(value);
    }
  }
}
