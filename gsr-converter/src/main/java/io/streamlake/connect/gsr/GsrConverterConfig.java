package io.streamlake.connect.gsr;

import io.streamlake.common.aws.AwsCredentialsConfig;
import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.config.Choices;
import io.streamlake.common.config.ConfigProblems;
import io.streamlake.common.config.EndpointValidator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Options of {@link GlueSchemaRegistryAvroConverter} ({@link #CONFIG_DEF}) and
 * {@link GlueSchemaRegistryJsonSchemaConverter} ({@link #JSON_CONFIG_DEF}: the same options, {@code dataFormat}
 * defaulting to JSON, plus AWS's {@code decimal.format}). The Glue Schema Registry options carry the names, defaults and
 * accepted values of AWS's converter ({@code AWSSchemaRegistryConstants}, {@code GlueSchemaRegistryConfiguration},
 * {@code AvroDataConfig}), so that a worker or connector configuration written for
 * {@code com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter} works with the class name
 * swapped. AWS options whose effect this converter does not reproduce are refused ({@link #UNSUPPORTED}); one that
 * only changes a request header is logged and ignored ({@link #IGNORED}). Credentials come from the shared
 * {@code aws.*} / {@code sts.*} options; AWS's {@code assumeRoleArn} and {@code assumeRoleSessionName} are
 * accepted as their aliases.
 */
public final class GsrConverterConfig extends ConverterConfig {

  private static final Logger LOG = LoggerFactory.getLogger(GsrConverterConfig.class);

  private static final String GROUP_REGISTRY = "Glue Schema Registry";
  private static final String GROUP_RETRY = "Glue retries";
  private static final String GROUP_AWS = "AWS credentials";

  public static final String REGION_CONFIG = "region";
  private static final String REGION_DOC = "AWS region of the registry. Empty: the SDK's default region chain"
      + " (AWS_REGION, the profile, the instance metadata), as AWS's converter does.";

  public static final String ENDPOINT_CONFIG = "endpoint";
  private static final String ENDPOINT_DOC = "Glue endpoint URL, to override the regional one (a VPC endpoint,"
      + " or a test endpoint). Empty: the regional endpoint.";

  public static final String REGISTRY_NAME_CONFIG = "registry.name";
  public static final String REGISTRY_NAME_DEFAULT = "default-registry";
  private static final String REGISTRY_NAME_DOC = "Registry that fromConnectData looks schemas up in and registers"
      + " them in. Reading needs no registry name: the schema version id in each record is global.";

  public static final String SCHEMA_NAME_CONFIG = "schemaName";
  private static final String SCHEMA_NAME_DOC = "Name of the Glue schema fromConnectData writes under. Empty: the"
      + " topic name, for keys and values alike (AWS's default naming strategy), so set it on the key converter"
      + " when keys are Avro too.";

  public static final String DATA_FORMAT_CONFIG = "dataFormat";
  public static final String DATA_FORMAT_DEFAULT = DataFormat.AVRO.wireName();
  private static final String DATA_FORMAT_DOC = "Data format of the schemas. Each converter class takes its own"
      + " (AVRO for GlueSchemaRegistryAvroConverter, JSON for GlueSchemaRegistryJsonSchemaConverter), as AWS ships"
      + " one class per format; the other value is a ConfigException naming the class to use. Records whose schema"
      + " version has another format are refused as bad data.";

  /** AWS's JsonSchemaDataConfig option: how the JSON Schema converter writes Connect Decimals. */
  public static final String DECIMAL_FORMAT_CONFIG = "decimal.format";
  public static final String DECIMAL_FORMAT_DEFAULT = DecimalFormat.BASE64.wireName();
  private static final String DECIMAL_FORMAT_DOC = "How fromConnectData writes Connect Decimals (AWS's option of"
      + " the same name): BASE64, a JSON string holding the base64 of the unscaled two's-complement bytes, schema"
      + " type string; NUMERIC, a JSON number, schema type number. Reading takes both whatever this says.";

  private static final String CONNECT_META_DATA_CONFIG = "connect.meta.data";

  public static final String AVRO_RECORD_TYPE_CONFIG = "avroRecordType";
  public static final String AVRO_RECORD_TYPE_DEFAULT = AvroRecordType.GENERIC_RECORD.wireName();
  private static final String AVRO_RECORD_TYPE_DOC = "Accepted for compatibility with AWS's converter; both values"
      + " give the same Connect data (records are always decoded generically, no generated classes needed).";

  public static final String AUTO_REGISTRATION_CONFIG = "schemaAutoRegistrationEnabled";
  private static final String AUTO_REGISTRATION_DOC = "fromConnectData: true registers a schema that the registry"
      + " does not have yet (a new schema with CreateSchema, or a new version with RegisterSchemaVersion); false"
      + " fails the record (DataException) unless the exact definition is registered already.";

  public static final String COMPATIBILITY_CONFIG = "compatibility";
  public static final String COMPATIBILITY_DEFAULT = Compatibility.BACKWARD.wireName();
  private static final String COMPATIBILITY_DOC = "Compatibility mode of a schema that fromConnectData creates.";

  public static final String DESCRIPTION_CONFIG = "description";
  private static final String DESCRIPTION_DOC = "Description of a schema that fromConnectData creates.";

  public static final String COMPRESSION_CONFIG = "compression";
  public static final String COMPRESSION_DEFAULT = Compression.NONE.wireName();
  private static final String COMPRESSION_DOC = "Compression of the payloads fromConnectData writes (ZLIB:"
      + " java.util.zip.Deflater's zlib stream, compression byte 5). Reading takes both forms whatever this says.";

  public static final String CACHE_SIZE_CONFIG = "cacheSize";
  public static final int CACHE_SIZE_DEFAULT = 200;
  private static final String CACHE_SIZE_DOC = "How many schema versions (by version id, for reading) and schema"
      + " definitions (by name and definition, for writing) each converter keeps. Least recently used go first.";

  public static final String CACHE_TTL_CONFIG = "timeToLiveMillis";
  public static final long CACHE_TTL_DEFAULT = 24 * 60 * 60 * 1000L;
  private static final String CACHE_TTL_DOC = "How long fromConnectData trusts a cached definition-to-version-id"
      + " answer. A schema version never changes, so versions read by id are kept until evicted by size.";

  public static final String CONNECT_SCHEMAS_CACHE_CONFIG = "schemas.cache.config";
  public static final int CONNECT_SCHEMAS_CACHE_DEFAULT = 1000;
  private static final String CONNECT_SCHEMAS_CACHE_DOC = "How many Connect schemas converted from Avro schemas"
      + " (and back) each converter keeps (AWS's AvroDataConfig option of the same name).";

  public static final String RETRY_ATTEMPTS_CONFIG = "glue.retry.max.attempts";
  public static final int RETRY_ATTEMPTS_DEFAULT = 6;
  private static final String RETRY_ATTEMPTS_DOC = "Attempts per Glue call on throttling, 5xx answers and network"
      + " errors (SDK retries are off; each retry is logged at WARN). When they run out, reading fails with a"
      + " RetriableException naming the schema version id.";

  public static final String RETRY_BACKOFF_CONFIG = "glue.retry.backoff.ms";
  public static final long RETRY_BACKOFF_DEFAULT = 200L;
  private static final String RETRY_BACKOFF_DOC = "First back-off before a retry; it doubles on each retry, with"
      + " full jitter.";

  public static final String RETRY_MAX_BACKOFF_CONFIG = "glue.retry.max.backoff.ms";
  public static final long RETRY_MAX_BACKOFF_DEFAULT = 10_000L;
  private static final String RETRY_MAX_BACKOFF_DOC = "Upper bound of one back-off.";

  /** AWS's names for the role to assume, accepted as aliases of the shared sts.* options. */
  public static final String ASSUME_ROLE_ARN_CONFIG = "assumeRoleArn";
  public static final String ASSUME_ROLE_SESSION_NAME_CONFIG = "assumeRoleSessionName";
  private static final String SESSION_NAME_DEFAULT = "kafka-connect-session";

  private static final String ENHANCED_AVRO_CONFIG = "enhanced.avro.schema.support";

  /**
   * AWS converter options this converter does not implement, with the reason: setting one is a ConfigException
   * naming it, never silently a different behaviour.
   */
  public static final Map<String, String> UNSUPPORTED = unsupported();

  /** AWS converter options accepted and ignored with a WARN, since they change nothing in the data. */
  public static final Map<String, String> IGNORED = Map.of(
      "userAgentApp", "it only changes the User-Agent header of Glue calls",
      "connect.meta.data", "record and field docs become Connect schema docs rather than schema parameters");

  private static final AwsCredentialsConfig CREDENTIALS = AwsCredentialsConfig.of(SESSION_NAME_DEFAULT);

  /** The single source of truth for the options (and the README's table). */
  public static final ConfigDef CONFIG_DEF = configDef(DataFormat.AVRO);

  /** The JSON Schema converter's options (and the README's second table). */
  public static final ConfigDef JSON_CONFIG_DEF = configDef(DataFormat.JSON);

  private final DataFormat format;
  private final CredentialSettings credentials;

  /** The Avro converter's options. */
  public GsrConverterConfig(Map<String, ?> props) {
    this(DataFormat.AVRO, props);
  }

  /** The options of the converter for {@code format}. */
  public GsrConverterConfig(DataFormat format, Map<String, ?> props) {
    super(format == DataFormat.JSON ? JSON_CONFIG_DEF : CONFIG_DEF, withRoleAliases(props));
    this.format = format;
    ConfigProblems problems = new ConfigProblems();
    DataFormat configured = Choices.parse(DataFormat.class, DATA_FORMAT_CONFIG, getString(DATA_FORMAT_CONFIG));
    if (configured != format) {
      problems.add(DATA_FORMAT_CONFIG + "=" + configured.wireName() + " is not this converter's format ("
          + format.wireName() + "): use " + converterClass(configured) + " for " + configured.wireName(),
          DATA_FORMAT_CONFIG);
    }
    Object metaData = props.get(CONNECT_META_DATA_CONFIG);
    if (format == DataFormat.JSON && metaData != null && !"true".equalsIgnoreCase(metaData.toString().trim())) {
      problems.add(CONNECT_META_DATA_CONFIG + "=" + metaData + " is not supported by the JSON Schema converter: it"
          + " always writes the connect.* annotations (AWS's default, true), which keep the Connect types exact",
          CONNECT_META_DATA_CONFIG);
    }
    for (Map.Entry<String, String> entry : UNSUPPORTED.entrySet()) {
      Object value = props.get(entry.getKey());
      boolean awsDefault = ENHANCED_AVRO_CONFIG.equals(entry.getKey()) && value != null
          && "false".equalsIgnoreCase(value.toString().trim());
      if (props.containsKey(entry.getKey()) && !awsDefault) {
        problems.add(entry.getKey() + " (an option of AWS's converter) is not supported: " + entry.getValue(),
            entry.getKey());
      }
    }
    for (Map.Entry<String, String> entry : IGNORED.entrySet()) {
      boolean jsonMetaData = format == DataFormat.JSON && CONNECT_META_DATA_CONFIG.equals(entry.getKey());
      if (props.containsKey(entry.getKey()) && !jsonMetaData) {
        LOG.warn("{} (an option of AWS's converter) is ignored: {}", entry.getKey(), entry.getValue());
      }
    }
    if (getLong(RETRY_MAX_BACKOFF_CONFIG) < getLong(RETRY_BACKOFF_CONFIG)) {
      problems.add(RETRY_MAX_BACKOFF_CONFIG + " must be at least " + RETRY_BACKOFF_CONFIG + " ("
          + getLong(RETRY_BACKOFF_CONFIG) + ")", RETRY_MAX_BACKOFF_CONFIG, RETRY_BACKOFF_CONFIG);
    }
    credentials = CREDENTIALS.resolve(this, problems);
    problems.throwIfAny();
  }

  private static String converterClass(DataFormat format) {
    return format == DataFormat.JSON ? GlueSchemaRegistryJsonSchemaConverter.class.getName()
        : GlueSchemaRegistryAvroConverter.class.getName();
  }

  private static ConfigDef configDef(DataFormat format) {
    ConfigDef def = newConfigDef();
    int order = 0;
    def.define(REGION_CONFIG, Type.STRING, "", Importance.HIGH, REGION_DOC, GROUP_REGISTRY, ++order,
        Width.SHORT, "Region");
    def.define(ENDPOINT_CONFIG, Type.STRING, "", new EndpointValidator(), Importance.LOW, ENDPOINT_DOC,
        GROUP_REGISTRY, ++order, Width.LONG, "Endpoint");
    def.define(REGISTRY_NAME_CONFIG, Type.STRING, REGISTRY_NAME_DEFAULT, new ConfigDef.NonEmptyString(),
        Importance.MEDIUM, REGISTRY_NAME_DOC, GROUP_REGISTRY, ++order, Width.MEDIUM, "Registry name");
    def.define(SCHEMA_NAME_CONFIG, Type.STRING, "", Importance.MEDIUM, SCHEMA_NAME_DOC, GROUP_REGISTRY, ++order,
        Width.MEDIUM, "Schema name");
    def.define(DATA_FORMAT_CONFIG, Type.STRING, format.wireName(), Choices.validator(DataFormat.class),
        Importance.LOW, DATA_FORMAT_DOC, GROUP_REGISTRY, ++order, Width.SHORT, "Data format", List.of(),
        Choices.recommender(DataFormat.class));
    def.define(AVRO_RECORD_TYPE_CONFIG, Type.STRING, AVRO_RECORD_TYPE_DEFAULT,
        Choices.validator(AvroRecordType.class), Importance.LOW, AVRO_RECORD_TYPE_DOC, GROUP_REGISTRY, ++order,
        Width.MEDIUM, "Avro record type", List.of(), Choices.recommender(AvroRecordType.class));
    def.define(AUTO_REGISTRATION_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, AUTO_REGISTRATION_DOC,
        GROUP_REGISTRY, ++order, Width.SHORT, "Auto-register schemas");
    def.define(COMPATIBILITY_CONFIG, Type.STRING, COMPATIBILITY_DEFAULT, Choices.validator(Compatibility.class),
        Importance.LOW, COMPATIBILITY_DOC, GROUP_REGISTRY, ++order, Width.MEDIUM, "Compatibility", List.of(),
        Choices.recommender(Compatibility.class));
    def.define(DESCRIPTION_CONFIG, Type.STRING, "", Importance.LOW, DESCRIPTION_DOC, GROUP_REGISTRY, ++order,
        Width.LONG, "Description");
    def.define(COMPRESSION_CONFIG, Type.STRING, COMPRESSION_DEFAULT, Choices.validator(Compression.class),
        Importance.LOW, COMPRESSION_DOC, GROUP_REGISTRY, ++order, Width.SHORT, "Compression", List.of(),
        Choices.recommender(Compression.class));
    def.define(CACHE_SIZE_CONFIG, Type.INT, CACHE_SIZE_DEFAULT, Range.atLeast(1), Importance.LOW, CACHE_SIZE_DOC,
        GROUP_REGISTRY, ++order, Width.SHORT, "Schema cache size");
    def.define(CACHE_TTL_CONFIG, Type.LONG, CACHE_TTL_DEFAULT, Range.atLeast(0L), Importance.LOW, CACHE_TTL_DOC,
        GROUP_REGISTRY, ++order, Width.SHORT, "Definition cache time to live");
    def.define(CONNECT_SCHEMAS_CACHE_CONFIG, Type.INT, CONNECT_SCHEMAS_CACHE_DEFAULT, Range.atLeast(1),
        Importance.LOW, CONNECT_SCHEMAS_CACHE_DOC, GROUP_REGISTRY, ++order, Width.SHORT, "Connect schema cache");
    if (format == DataFormat.JSON) {
      def.define(DECIMAL_FORMAT_CONFIG, Type.STRING, DECIMAL_FORMAT_DEFAULT, Choices.validator(DecimalFormat.class),
          Importance.LOW, DECIMAL_FORMAT_DOC, GROUP_REGISTRY, ++order, Width.SHORT, "Decimal format", List.of(),
          Choices.recommender(DecimalFormat.class));
    }
    order = 0;
    def.define(RETRY_ATTEMPTS_CONFIG, Type.INT, RETRY_ATTEMPTS_DEFAULT, Range.between(1, 20), Importance.LOW,
        RETRY_ATTEMPTS_DOC, GROUP_RETRY, ++order, Width.SHORT, "Retry attempts");
    def.define(RETRY_BACKOFF_CONFIG, Type.LONG, RETRY_BACKOFF_DEFAULT, Range.atLeast(1L), Importance.LOW,
        RETRY_BACKOFF_DOC, GROUP_RETRY, ++order, Width.SHORT, "Retry back-off");
    def.define(RETRY_MAX_BACKOFF_CONFIG, Type.LONG, RETRY_MAX_BACKOFF_DEFAULT, Range.atLeast(1L), Importance.LOW,
        RETRY_MAX_BACKOFF_DOC, GROUP_RETRY, ++order, Width.SHORT, "Retry max back-off");
    order = CREDENTIALS.define(def, GROUP_AWS, 0);
    def.define(ASSUME_ROLE_ARN_CONFIG, Type.STRING, "", Importance.LOW, "Same as "
        + AwsCredentialsConfig.ROLE_ARN_CONFIG + " (AWS's converter's name for it); set one of the two.", GROUP_AWS,
        ++order, Width.LONG, "Assume-role ARN (AWS's name)");
    def.define(ASSUME_ROLE_SESSION_NAME_CONFIG, Type.STRING, "", Importance.LOW, "Same as "
        + AwsCredentialsConfig.SESSION_NAME_CONFIG + " (AWS's converter's name for it); set one of the two.",
        GROUP_AWS, ++order, Width.MEDIUM, "Assume-role session name (AWS's name)");
    return def;
  }

  private static Map<String, String> unsupported() {
    Map<String, String> map = new LinkedHashMap<>();
    String convert = "this converter turns records into Connect data itself";
    map.put("secondaryDeserializer", "records without the GSR header are bad data here (DataException), not"
        + " handed to another deserializer");
    map.put("schemaNameGenerationClass", "no naming strategy classes are loaded; set " + SCHEMA_NAME_CONFIG
        + " (empty means the topic name, as AWS's default strategy)");
    map.put("tags", "schemas are created without tags");
    map.put("metadata", "schema versions are registered without metadata");
    map.put("proxyUrl", "Glue is called directly or through " + ENDPOINT_CONFIG);
    map.put("protobufMessageType", "Protobuf is not implemented");
    map.put("jacksonSerializationFeatures", "JSON payloads are written compact, as AWS's defaults write them;"
        + " other Jackson features are not reproduced");
    map.put("jacksonDeserializationFeatures", "JSON payloads are read into Connect data by the schema, not by"
        + " Jackson features");
    map.put("jsonClassNameResolutionEnabled", convert + " (no Java classes are resolved)");
    map.put("jsonClassNameAllowlist", convert + " (no Java classes are resolved)");
    map.put(ENHANCED_AVRO_CONFIG, "true is refused (false is what this converter does): enums are read as strings"
        + " with their symbols as schema parameters, and written back as enums, without AWS's package-name handling");
    return Map.copyOf(map);
  }

  /** AWS's assumeRoleArn/assumeRoleSessionName as the shared sts.* keys; both spellings set differently is an error. */
  private static Map<String, Object> withRoleAliases(Map<String, ?> props) {
    Map<String, Object> copy = new HashMap<>(props);
    List<String> conflicts = new ArrayList<>();
    alias(copy, ASSUME_ROLE_ARN_CONFIG, AwsCredentialsConfig.ROLE_ARN_CONFIG, conflicts);
    alias(copy, ASSUME_ROLE_SESSION_NAME_CONFIG, AwsCredentialsConfig.SESSION_NAME_CONFIG, conflicts);
    if (!conflicts.isEmpty()) {
      throw new ConfigException(String.join("; ", conflicts));
    }
    return copy;
  }

  private static void alias(Map<String, Object> props, String awsKey, String sharedKey, List<String> conflicts) {
    Object aws = props.get(awsKey);
    if (aws == null || aws.toString().isBlank()) {
      return;
    }
    Object shared = props.get(sharedKey);
    if (shared == null || shared.toString().isBlank()) {
      props.put(sharedKey, aws.toString().trim());
    } else if (!shared.toString().trim().equals(aws.toString().trim())) {
      conflicts.add(awsKey + " and " + sharedKey + " are two spellings of one option and are set to different"
          + " values: set only one");
    }
  }

  /** The data format of the converter these options belong to. */
  public DataFormat dataFormat() {
    return format;
  }

  /** How the JSON Schema converter writes Decimals (BASE64 for the Avro converter, where it does not apply). */
  public DecimalFormat decimalFormat() {
    return format == DataFormat.JSON
        ? Choices.parse(DecimalFormat.class, DECIMAL_FORMAT_CONFIG, getString(DECIMAL_FORMAT_CONFIG))
        : DecimalFormat.BASE64;
  }

  public Optional<String> region() {
    String region = getString(REGION_CONFIG).trim();
    return region.isEmpty() ? Optional.empty() : Optional.of(region);
  }

  public Optional<URI> endpoint() {
    String endpoint = getString(ENDPOINT_CONFIG).trim();
    return endpoint.isEmpty() ? Optional.empty() : Optional.of(EndpointValidator.parse(ENDPOINT_CONFIG, endpoint));
  }

  public String registryName() {
    return getString(REGISTRY_NAME_CONFIG).trim();
  }

  public Optional<String> schemaName() {
    String name = getString(SCHEMA_NAME_CONFIG).trim();
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  public boolean autoRegistration() {
    return getBoolean(AUTO_REGISTRATION_CONFIG);
  }

  public Compatibility compatibility() {
    return Choices.parse(Compatibility.class, COMPATIBILITY_CONFIG, getString(COMPATIBILITY_CONFIG));
  }

  public Optional<String> description() {
    String description = getString(DESCRIPTION_CONFIG).trim();
    return description.isEmpty() ? Optional.empty() : Optional.of(description);
  }

  public Compression compression() {
    return Choices.parse(Compression.class, COMPRESSION_CONFIG, getString(COMPRESSION_CONFIG));
  }

  public AvroRecordType avroRecordType() {
    return Choices.parse(AvroRecordType.class, AVRO_RECORD_TYPE_CONFIG, getString(AVRO_RECORD_TYPE_CONFIG));
  }

  public int cacheSize() {
    return getInt(CACHE_SIZE_CONFIG);
  }

  public Duration definitionTtl() {
    return Duration.ofMillis(getLong(CACHE_TTL_CONFIG));
  }

  public int connectSchemaCacheSize() {
    return getInt(CONNECT_SCHEMAS_CACHE_CONFIG);
  }

  public int retryMaxAttempts() {
    return getInt(RETRY_ATTEMPTS_CONFIG);
  }

  public long retryBackoffMs() {
    return getLong(RETRY_BACKOFF_CONFIG);
  }

  public long retryMaxBackoffMs() {
    return getLong(RETRY_MAX_BACKOFF_CONFIG);
  }

  public CredentialSettings credentials() {
    return credentials;
  }
}
