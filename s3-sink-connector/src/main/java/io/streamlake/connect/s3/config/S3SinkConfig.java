package io.streamlake.connect.s3.config;

import io.streamlake.common.aws.AwsCredentialsConfig;
import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.config.Choices;
import io.streamlake.common.config.ConfigProblem;
import io.streamlake.common.config.ConfigProblems;
import io.streamlake.common.config.EndpointValidator;
import io.streamlake.connect.s3.path.PathProjection;
import io.streamlake.connect.s3.path.PathTemplate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every option of the S3 sink: the single source of truth for validation, defaults and the README table.
 *
 * <p>Keys match Confluent's S3 sink wherever the meaning is the same, so a Confluent connector JSON runs
 * with only {@code connector.class} changed. Rules that span several keys live in {@link #validate} and
 * name every key involved.
 */
public final class S3SinkConfig extends AbstractConfig {

  private static final String GROUP_S3 = "S3";
  private static final String GROUP_FORMAT = "Format";
  private static final String GROUP_PARTITION = "Partitioning";
  private static final String GROUP_ROTATION = "Rotation";
  private static final String GROUP_RETRY = "Retries";
  private static final String GROUP_CATALOG = "Glue Data Catalog";

  public static final String S3_BUCKET_CONFIG = "s3.bucket.name";
  private static final String S3_BUCKET_DOC = "The S3 bucket the sink writes to.";

  public static final String S3_REGION_CONFIG = "s3.region";
  public static final String S3_REGION_DEFAULT = "us-west-2";
  private static final String S3_REGION_DOC = "AWS region of the bucket.";

  public static final String STORE_URL_CONFIG = "store.url";
  private static final String STORE_URL_DOC = "Custom S3 endpoint (an S3-compatible store, a VPC endpoint, a local"
      + " test server). Empty means the AWS endpoint of s3.region.";

  public static final String PATH_STYLE_CONFIG = "s3.path.style.access.enabled";
  public static final boolean PATH_STYLE_DEFAULT = true;
  private static final String PATH_STYLE_DOC = "Use path-style requests (endpoint/bucket/key) instead of"
      + " virtual-hosted-style (bucket.endpoint/key).";

  public static final String TOPICS_DIR_CONFIG = "topics.dir";
  public static final String TOPICS_DIR_DEFAULT = "topics";
  private static final String TOPICS_DIR_DOC = "Top-level prefix of every data object:"
      + " <topics.dir>/<topic>/<encoded partition>/<topic>+<kafkaPartition>+<startOffset>.<ext>.";

  public static final String STORAGE_CLASS_CONFIG = "storage.class";
  public static final String STORAGE_CLASS_DEFAULT = "s3";
  private static final String STORAGE_CLASS_DOC = "Storage backend. Only S3 exists; Confluent's class name is"
      + " accepted so existing configs run unchanged.";

  public static final String S3_PART_SIZE_CONFIG = "s3.part.size";
  public static final int S3_PART_SIZE_DEFAULT = 25 * 1024 * 1024;
  private static final String S3_PART_SIZE_DOC = "Size in bytes of one multipart-upload part. A part leaves"
      + " memory as soon as it is full; files smaller than one part are written with a single PUT.";

  public static final String SSEA_CONFIG = "s3.ssea.name";
  private static final String SSEA_DOC = "Server-side encryption: none (bucket default), AES256 (SSE-S3) or"
      + " aws:kms (SSE-KMS).";

  public static final String SSE_KMS_KEY_CONFIG = "s3.sse.kms.key.id";
  private static final String SSE_KMS_KEY_DOC = "KMS key id or ARN for aws:kms; empty uses the AWS-managed key.";

  public static final String ACL_CANNED_CONFIG = "s3.acl.canned";
  private static final String ACL_CANNED_DOC = "Canned ACL for every object, e.g. bucket-owner-full-control."
      + " Empty sends none.";

  public static final String OBJECT_TAGGING_CONFIG = "s3.object.tagging";
  private static final String OBJECT_TAGGING_DOC = "Tag every data object with startOffset, endOffset and"
      + " recordCount.";

  public static final String OBJECT_STORAGE_CLASS_CONFIG = "s3.object.storage.class";
  private static final String OBJECT_STORAGE_CLASS_DOC = "S3 storage class of data objects (STANDARD,"
      + " INTELLIGENT_TIERING, STANDARD_IA, ...). Empty uses the bucket default.";

  /**
   * AWS credentials (common fragment): static keys, a provider, STS assume-role; Confluent's
   * {@code s3.credentials.provider.class} and {@code s3.credentials.provider.sts.role.*} keys are aliases.
   */
  private static final AwsCredentialsConfig CREDENTIALS =
      AwsCredentialsConfig.withAliases("streamlake-s3-sink", "s3.credentials.provider.");
  public static final String ACCESS_KEY_CONFIG = AwsCredentialsConfig.ACCESS_KEY_CONFIG;
  public static final String SECRET_KEY_CONFIG = AwsCredentialsConfig.SECRET_KEY_CONFIG;
  public static final String CREDENTIALS_PROVIDER_CONFIG = AwsCredentialsConfig.PROVIDER_CONFIG;
  public static final String STS_ROLE_ARN_CONFIG = AwsCredentialsConfig.ROLE_ARN_CONFIG;
  public static final String STS_SESSION_NAME_CONFIG = AwsCredentialsConfig.SESSION_NAME_CONFIG;
  public static final String STS_SESSION_NAME_DEFAULT = "streamlake-s3-sink";
  public static final String STS_EXTERNAL_ID_CONFIG = AwsCredentialsConfig.EXTERNAL_ID_CONFIG;
  public static final String CONFLUENT_PROVIDER_CLASS_CONFIG = "s3.credentials.provider.class";
  public static final String CONFLUENT_STS_ROLE_ARN_CONFIG = "s3.credentials.provider.sts.role.arn";
  public static final String CONFLUENT_STS_SESSION_NAME_CONFIG = "s3.credentials.provider.sts.role.session.name";
  public static final String CONFLUENT_STS_EXTERNAL_ID_CONFIG = "s3.credentials.provider.sts.role.external.id";

  public static final String RETRY_BACKOFF_CONFIG = "s3.retry.backoff.ms";
  public static final long RETRY_BACKOFF_DEFAULT = 200L;
  private static final String RETRY_BACKOFF_DOC = "First back-off after a transient S3 error (throttling,"
      + " 5xx, timeout, reset); it doubles on each retry, with jitter.";

  public static final String RETRY_MAX_BACKOFF_CONFIG = "s3.retry.max.backoff.ms";
  public static final long RETRY_MAX_BACKOFF_DEFAULT = 20_000L;
  private static final String RETRY_MAX_BACKOFF_DOC = "Upper bound of one back-off.";

  public static final String RETRY_DEADLINE_CONFIG = "s3.retry.deadline.ms";
  public static final long RETRY_DEADLINE_DEFAULT = 120_000L;
  private static final String RETRY_DEADLINE_DOC = "How long one S3 operation is retried before the task"
      + " fails with the bucket, key and cause. A put() that retries blocks the consumer's poll loop: keep"
      + " this well below the consumer's max.poll.interval.ms (300000 by default; raise it with"
      + " consumer.override.max.poll.interval.ms), since one put() can retry several operations in a row.";

  public static final String S3_REQUEST_TIMEOUT_CONFIG = "s3.request.timeout.ms";
  public static final long S3_REQUEST_TIMEOUT_DEFAULT = 60_000L;
  private static final String S3_REQUEST_TIMEOUT_DOC = "Timeout of one S3 request attempt; a timed-out"
      + " attempt is retried.";

  public static final String FORMAT_CLASS_CONFIG = "format.class";
  private static final String FORMAT_CLASS_DOC = "Output format.";

  public static final String PARQUET_CODEC_CONFIG = "parquet.codec";
  public static final String PARQUET_CODEC_DEFAULT = "snappy";
  private static final String PARQUET_CODEC_DOC = "Parquet compression codec.";

  public static final String PARQUET_ROW_GROUP_CONFIG = "parquet.row.group.size.bytes";
  public static final int PARQUET_ROW_GROUP_DEFAULT = 8 * 1024 * 1024;
  private static final String PARQUET_ROW_GROUP_DOC = "Target Parquet row-group size. A row group is held in"
      + " memory until it is full, so this bounds the memory of each open Parquet file.";

  public static final String PARQUET_DICTIONARY_CONFIG = "parquet.dictionary.enabled";
  public static final boolean PARQUET_DICTIONARY_DEFAULT = true;
  private static final String PARQUET_DICTIONARY_DOC = "Dictionary-encode Parquet columns (smaller files for"
      + " repetitive values). Costs about 16 KiB of heap per column of every open file; turn it off when a task"
      + " holds thousands of open files (many partitions x time buckets).";

  public static final String PARQUET_DICTIONARY_ADAPTIVE_CONFIG = "parquet.dictionary.adaptive";
  public static final boolean PARQUET_DICTIONARY_ADAPTIVE_DEFAULT = true;
  private static final String PARQUET_DICTIONARY_ADAPTIVE_DOC = "With " + PARQUET_DICTIONARY_CONFIG + "=true:"
      + " write a column without a dictionary when, in the task's previous file of the same schema (at least 1,000"
      + " values of that column), Parquet dropped the column's dictionary because it did not pay off (unique"
      + " values such as ids and amounts). Such a column ends up PLAIN-encoded either way; skipping the dictionary"
      + " saves hashing every value into it. Every 16th file of a schema tries the dictionary on every column"
      + " again. The values in the files are the same; false tries the dictionary on every column of every file.";

  public static final String JSON_COMPRESSION_CONFIG = "s3.compression.type";
  public static final String JSON_COMPRESSION_DEFAULT = "none";
  private static final String JSON_COMPRESSION_DOC = "Compression of JSON-lines files (.json or .json.gz).";

  public static final String AVRO_CODEC_CONFIG = "avro.codec";
  public static final String AVRO_CODEC_DEFAULT = "null";
  private static final String AVRO_CODEC_DOC = "Avro container-file codec.";

  public static final String SCHEMALESS_SCHEMA_CONFIG = "schemaless.avro.schema";
  private static final String SCHEMALESS_SCHEMA_DOC = "Avro schema (JSON) of schemaless values (Maps, such as"
      + " JSON without schemas), needed to write them as Parquet or Avro. Field names match map keys; logical"
      + " types (timestamp-millis, date, decimal, ...) are honoured; numbers widen; ISO-8601 strings become"
      + " timestamps.";

  public static final String DECIMAL_PRECISION_CONFIG = "decimal.default.precision";
  public static final int DECIMAL_PRECISION_DEFAULT = 38;
  private static final String DECIMAL_PRECISION_DOC = "Precision of a Connect Decimal column whose schema does"
      + " not carry the connect.decimal.precision parameter.";

  public static final String SCHEMA_COMPATIBILITY_CONFIG = "schema.compatibility";
  public static final String SCHEMA_COMPATIBILITY_DEFAULT = "NONE";
  private static final String SCHEMA_COMPATIBILITY_DOC = "NONE cuts the files of a topic-partition on every"
      + " schema change. BACKWARD, FORWARD and FULL project a record with an older compatible schema into the"
      + " open file and cut only when that is impossible.";

  public static final String NULL_VALUES_CONFIG = "behavior.on.null.values";
  public static final String NULL_VALUES_DEFAULT = "fail";
  private static final String NULL_VALUES_DOC = "Records with a null value: fail (to the errant-record"
      + " reporter/DLQ, or fail the task with errors.tolerance=none), ignore (skip, offset still committed),"
      + " write (JSON: a null line; with store.envelope=true, any format: an envelope row whose value is null).";

  public static final String STORE_ENVELOPE_CONFIG = "store.envelope";
  public static final boolean STORE_ENVELOPE_DEFAULT = false;
  private static final String STORE_ENVELOPE_DOC = "Write every record as one envelope row instead of its value:"
      + " a struct io.streamlake.connect.s3.Envelope with the fields key, value, headers (an array of {key,"
      + " value as bytes}, in record order), topic, partition and offset (the original ones, before transforms)"
      + " and timestamp. Lets the S3 source connector replay keys, headers, timestamps and the exact order of"
      + " each partition. Partitioners and timestamp extractors still read the record's value. Header values are"
      + " stored as bytes (strings as UTF-8, other types as their string form); for byte-exact headers use"
      + " header.converter=org.apache.kafka.connect.converters.ByteArrayConverter on this connector and on the"
      + " source connector. With behavior.on.null.values=write a tombstone becomes a row whose value is null (any"
      + " format). Parquet and Avro need schemas for the value (and for a key that is not bytes or a string).";

  public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
  public static final String PARTITIONER_CLASS_DEFAULT = "default";
  private static final String PARTITIONER_CLASS_DOC = "How records map to S3 prefixes: default"
      + " (partition=<kafka partition>), field (partition.field.name), time (path.format), hourly, daily,"
      + " field-time (fields, then time).";

  public static final String PATH_FORMAT_CONFIG = "path.format";
  private static final String PATH_FORMAT_DOC = "Time part of the prefix, a Joda-style pattern as in"
      + " Confluent's sink: text in single quotes is literal, YYYY and yyyy are the calendar year, MM month,"
      + " dd day, HH hour, mm minute. Required by the time and field-time partitioners.";

  public static final String PARTITION_DURATION_CONFIG = "partition.duration.ms";
  public static final long PARTITION_DURATION_DEFAULT = -1L;
  private static final String PARTITION_DURATION_DOC = "Width of a time bucket: the timestamp is floored to a"
      + " multiple of it (in the configured timezone) before path.format is applied. -1 uses path.format alone.";

  public static final String PARTITION_FIELD_CONFIG = "partition.field.name";
  private static final String PARTITION_FIELD_DOC = "Comma-separated field paths (a.b.c for nested fields)"
      + " for the field and field-time partitioners; each becomes one <field>=<value> path segment.";

  public static final String LOCALE_CONFIG = "locale";
  public static final String LOCALE_DEFAULT = "en_US";
  private static final String LOCALE_DOC = "Locale for path.format (e.g. en_US).";

  public static final String TIMEZONE_CONFIG = "timezone";
  private static final String TIMEZONE_DOC = "Timezone of path.format and of scheduled rotation (e.g. UTC,"
      + " Europe/Berlin). Required when time is used; never the JVM default.";

  public static final String TIMESTAMP_EXTRACTOR_CONFIG = "timestamp.extractor";
  public static final String TIMESTAMP_EXTRACTOR_DEFAULT = "Record";
  private static final String TIMESTAMP_EXTRACTOR_DOC = "Where a record's time comes from: Record (Kafka"
      + " timestamp), RecordField (timestamp.field), Wallclock (time of writing), Header"
      + " (timestamp.header.name).";

  public static final String TIMESTAMP_FIELD_CONFIG = "timestamp.field";
  public static final String TIMESTAMP_FIELD_DEFAULT = "timestamp";
  private static final String TIMESTAMP_FIELD_DOC = "Field path for RecordField (a.b.c for nested). Accepts"
      + " epoch numbers (see timestamp.field.unit), ISO-8601 strings, Connect Timestamp, and Debezium"
      + " MicroTimestamp, NanoTimestamp and ZonedTimestamp.";

  public static final String TIMESTAMP_UNIT_CONFIG = "timestamp.field.unit";
  public static final String TIMESTAMP_UNIT_DEFAULT = "ms";
  private static final String TIMESTAMP_UNIT_DOC = "Unit of a plain numeric timestamp field. Debezium"
      + " MicroTimestamp/NanoTimestamp schemas override it.";

  public static final String TIMESTAMP_HEADER_CONFIG = "timestamp.header.name";
  public static final String TIMESTAMP_HEADER_DEFAULT = "timestamp";
  private static final String TIMESTAMP_HEADER_DOC = "Header for the Header extractor: epoch milliseconds or"
      + " an ISO-8601 string.";

  public static final String FLUSH_SIZE_CONFIG = "flush.size";
  public static final int FLUSH_SIZE_DEFAULT = 10_000;
  private static final String FLUSH_SIZE_DOC = "Records per topic-partition after which all its open files"
      + " are cut.";

  public static final String ROTATE_BYTES_CONFIG = "rotate.size.bytes";
  public static final long ROTATE_BYTES_DEFAULT = -1L;
  private static final String ROTATE_BYTES_DOC = "Bytes (encoded, before the last flush) per topic-partition"
      + " after which its files are cut. A file still holding compact rows (buffer.compact.max.bytes) counts their"
      + " compact size (Avro binary; for JSON the lines themselves), which is close to the plain-encoded size. -1"
      + " disables.";

  public static final String ROTATE_INTERVAL_CONFIG = "rotate.interval.ms";
  public static final long ROTATE_INTERVAL_DEFAULT = -1L;
  private static final String ROTATE_INTERVAL_DOC = "Cut when the record time of a topic-partition's open"
      + " files spans this long; files that receive nothing for this long (wall clock) are cut too. -1"
      + " disables.";

  public static final String ROTATE_SCHEDULE_CONFIG = "rotate.schedule.interval.ms";
  public static final long ROTATE_SCHEDULE_DEFAULT = -1L;
  private static final String ROTATE_SCHEDULE_DOC = "Cut open files at every wall-clock multiple of this"
      + " interval (aligned in the configured timezone). -1 disables.";

  public static final String ZERO_PAD_CONFIG = "filename.offset.zero.pad.width";
  public static final int ZERO_PAD_DEFAULT = 10;
  private static final String ZERO_PAD_DOC = "Width to which the start offset in file names is zero-padded.";

  public static final String EXACTLY_ONCE_CONFIG = "exactly.once.enabled";
  public static final boolean EXACTLY_ONCE_DEFAULT = true;
  private static final String EXACTLY_ONCE_DOC = "Record each cut in a small marker object under"
      + " <topics.dir>/_epochs/ before the files of the cut become visible, so that restarts, rebalances and"
      + " zombie tasks replay the same cuts and every record lands exactly once, for every rotation policy"
      + " (docs/exactly-once.md). Costs one GET and one PUT of a tiny object per cut.";

  public static final String MEMORY_MAX_CONFIG = "buffer.memory.max.bytes";
  public static final long MEMORY_MAX_DEFAULT = 256L * 1024 * 1024;
  private static final String MEMORY_MAX_DOC = "Memory budget of one task for all its open files (encoder"
      + " state and buffers, unsent upload parts). When it is exceeded, the"
      + " topic-partition holding the most is cut early. The default suits two tasks per 1-MCU worker.";

  public static final String COMPACT_MAX_CONFIG = "buffer.compact.max.bytes";
  public static final long COMPACT_MAX_DEFAULT = 64L * 1024;
  private static final String COMPACT_MAX_DOC = "A file keeps its rows in compact form in memory (Avro binary for"
      + " Parquet and Avro, the lines themselves for JSON) until they take more than this many bytes, and is encoded"
      + " when it is cut; past this size it switches to the streaming encoder and multipart upload, replaying its"
      + " rows so far into it (the file is the same). An open file then costs about 1 KiB plus at most 1.5 x its"
      + " compact rows instead of an encoder's state (200-600 KiB for a 10-column Parquet file, 64 KiB for JSON), so"
      + " a task keeps tens of thousands of small files open. Larger values keep more files compact but replay more"
      + " rows (CPU) when a file switches. 0 streams every file from its first record.";

  public static final String GLUE_ENABLED_CONFIG = "glue.enabled";
  public static final boolean GLUE_ENABLED_DEFAULT = false;
  private static final String GLUE_ENABLED_DOC = "Keep a Glue Data Catalog table per topic in step with the files:"
      + " created at a topic's first file, updated when a new schema reaches S3 (new columns at the end only; an"
      + " incompatible change leaves the table as it was and is logged as an error), with Athena partition"
      + " projection derived from the partitioner, so Athena needs no crawler, no MSCK REPAIR and no partition"
      + " registration. Catalog calls run off the task thread and never hold up offset commits.";

  public static final String GLUE_DATABASE_CONFIG = "glue.database";
  private static final String GLUE_DATABASE_DOC = "Glue database of the tables (it must exist). Required with"
      + " glue.enabled.";

  public static final String GLUE_TABLE_CONFIG = "glue.table.name";
  public static final String GLUE_TABLE_DEFAULT = "${topic}";
  private static final String GLUE_TABLE_DOC = "Table name template; ${topic} is the topic of the files' path"
      + " (after transforms). The result is made Glue-legal: lower case, every character other than a-z, 0-9 and"
      + " _ becomes _ (orders.v1 -> orders_v1).";

  public static final String GLUE_CATALOG_ID_CONFIG = "glue.catalog.id";
  private static final String GLUE_CATALOG_ID_DOC = "AWS account id of the Data Catalog; empty is the account of"
      + " the credentials.";

  public static final String GLUE_REGION_CONFIG = "glue.region";
  private static final String GLUE_REGION_DOC = "Region of the Data Catalog; empty uses s3.region.";

  public static final String GLUE_ENDPOINT_CONFIG = "glue.endpoint";
  private static final String GLUE_ENDPOINT_DOC = "Custom Glue endpoint (a VPC endpoint, a test server); empty"
      + " uses the AWS endpoint of the region. Credentials are the sink's (aws.*, sts.*).";

  public static final String GLUE_PROJECTION_CONFIG = "glue.projection.enabled";
  public static final boolean GLUE_PROJECTION_DEFAULT = true;
  private static final String GLUE_PROJECTION_DOC = "Write Athena partition projection properties (projection.*,"
      + " storage.location.template) that match the object keys exactly. Off: the table has its partition keys"
      + " but partitions must be registered by other means (MSCK REPAIR TABLE, a crawler).";

  public static final String GLUE_PROJECTION_START_CONFIG = "glue.projection.start";
  public static final String GLUE_PROJECTION_START_DEFAULT = "2020-01-01";
  private static final String GLUE_PROJECTION_START_DOC = "First day (yyyy-MM-dd, in the sink's timezone)"
      + " that projected time partitions cover; data before it is invisible to Athena. Integer year keys run"
      + " from its year to 2099; date keys from it to NOW.";

  public static final String GLUE_PROJECTION_PARTITION_MAX_CONFIG = "glue.projection.kafka.partition.max";
  public static final int GLUE_PROJECTION_PARTITION_MAX_DEFAULT = 99;
  private static final String GLUE_PROJECTION_PARTITION_MAX_DOC = "Highest Kafka partition number the"
      + " projection of the default partitioner (partition=<n>) covers; files of higher partitions are invisible"
      + " to Athena (the sink logs an error when it writes one).";

  public static final String GLUE_RETRY_MAX_BACKOFF_CONFIG = "glue.retry.max.backoff.ms";
  public static final long GLUE_RETRY_MAX_BACKOFF_DEFAULT = 60_000L;
  private static final String GLUE_RETRY_MAX_BACKOFF_DOC = "Longest wait between two attempts of a failing"
      + " catalog update (the first waits s3.retry.backoff.ms, then doubling, with jitter). A topic's catalog"
      + " update is retried for at most 10 times this long, then logged as an error and tried again with the"
      + " topic's next file after this long, so other topics' tables go ahead; data keeps flowing meanwhile.";

  // --- Keys and headers side files (store.kafka.keys, store.kafka.headers): Confluent's options and layout ---

  private static final String GROUP_SIDE_FILES = "Keys and Headers";

  public static final String STORE_KAFKA_KEYS_CONFIG = "store.kafka.keys";
  public static final boolean STORE_KAFKA_KEYS_DEFAULT = false;
  private static final String STORE_KAFKA_KEYS_DOC = "Also write each record's key: every data file gets a keys"
      + " file next to it, <data key without its extension>.keys.<extension of keys.format.class>, whose row i is"
      + " the key of the data file's row i (same count, same order; published before the data file, with the same"
      + " offsets). A key that cannot be written in that format (a null key where the key schema is required,"
      + " a schemaless key that is neither bytes nor a string outside JSON lines) sends the record to the"
      + " errant-record reporter.";

  public static final String STORE_KAFKA_HEADERS_CONFIG = "store.kafka.headers";
  public static final boolean STORE_KAFKA_HEADERS_DEFAULT = false;
  private static final String STORE_KAFKA_HEADERS_DOC = "Also write each record's headers: every data file gets a"
      + " headers file next to it, <data key without its extension>.headers.<extension of headers.format.class>,"
      + " whose row i holds the headers of the data file's row i as an array of {key, value} with the value as a"
      + " string (Connect's Values.convertToString, as Confluent writes it; empty array when a record has none).";

  public static final String KEYS_FORMAT_CLASS_CONFIG = "keys.format.class";
  public static final String KEYS_FORMAT_CLASS_DEFAULT = "avro";
  private static final String KEYS_FORMAT_CLASS_DOC = "Format of the keys files (with store.kafka.keys=true); the"
      + " same choices and Confluent class names as format.class, Avro by default as in Confluent's sink. The"
      + " codec options of the format (parquet.codec, avro.codec, json.compression) apply.";

  public static final String HEADERS_FORMAT_CLASS_CONFIG = "headers.format.class";
  public static final String HEADERS_FORMAT_CLASS_DEFAULT = "avro";
  private static final String HEADERS_FORMAT_CLASS_DOC = "Format of the headers files (with"
      + " store.kafka.headers=true); the same choices and Confluent class names as format.class, Avro by default"
      + " as in Confluent's sink.";

  private static void defineSideFileOptions(ConfigDef def) {
    int order = 0;
    def.define(STORE_KAFKA_KEYS_CONFIG, Type.BOOLEAN, STORE_KAFKA_KEYS_DEFAULT, Importance.LOW, STORE_KAFKA_KEYS_DOC,
        GROUP_SIDE_FILES, ++order, Width.SHORT, "Store Kafka keys", List.of(KEYS_FORMAT_CLASS_CONFIG));
    def.define(STORE_KAFKA_HEADERS_CONFIG, Type.BOOLEAN, STORE_KAFKA_HEADERS_DEFAULT, Importance.LOW,
        STORE_KAFKA_HEADERS_DOC, GROUP_SIDE_FILES, ++order, Width.SHORT, "Store Kafka headers",
        List.of(HEADERS_FORMAT_CLASS_CONFIG));
    def.define(KEYS_FORMAT_CLASS_CONFIG, Type.STRING, KEYS_FORMAT_CLASS_DEFAULT, Choices.validator(FormatKind.class),
        Importance.LOW, KEYS_FORMAT_CLASS_DOC, GROUP_SIDE_FILES, ++order, Width.LONG, "Keys format",
        Choices.recommender(FormatKind.class));
    def.define(HEADERS_FORMAT_CLASS_CONFIG, Type.STRING, HEADERS_FORMAT_CLASS_DEFAULT,
        Choices.validator(FormatKind.class), Importance.LOW, HEADERS_FORMAT_CLASS_DOC, GROUP_SIDE_FILES, ++order,
        Width.LONG, "Headers format", Choices.recommender(FormatKind.class));
  }

  /** The format of the keys side files, or empty when keys are not stored. */
  public Optional<FormatKind> keysFormat() {
    return getBoolean(STORE_KAFKA_KEYS_CONFIG)
        ? Optional.of(Choices.parse(FormatKind.class, KEYS_FORMAT_CLASS_CONFIG, getString(KEYS_FORMAT_CLASS_CONFIG)))
        : Optional.empty();
  }

  /** The format of the headers side files, or empty when headers are not stored. */
  public Optional<FormatKind> headersFormat() {
    return getBoolean(STORE_KAFKA_HEADERS_CONFIG)
        ? Optional.of(Choices.parse(FormatKind.class, HEADERS_FORMAT_CLASS_CONFIG,
            getString(HEADERS_FORMAT_CLASS_CONFIG)))
        : Optional.empty();
  }

  /** Side files sit in the data files' partitions, where a catalog table would read them as data. */
  private void sideFileProblems(ConfigProblems problems) {
    if (getBoolean(GLUE_ENABLED_CONFIG) && (keysFormat().isPresent() || headersFormat().isPresent())) {
      List<String> keys = new ArrayList<>();
      keys.add(GLUE_ENABLED_CONFIG);
      if (keysFormat().isPresent()) {
        keys.add(STORE_KAFKA_KEYS_CONFIG);
      }
      if (headersFormat().isPresent()) {
        keys.add(STORE_KAFKA_HEADERS_CONFIG);
      }
      problems.add(new ConfigProblem(keys, "store.kafka.keys and store.kafka.headers write their files next to the"
          + " data files, inside the table's partitions, where Athena and Glue would read them as data rows: they"
          + " cannot be combined with glue.enabled=true"));
    }
    if (getBoolean(STORE_ENVELOPE_CONFIG) && (keysFormat().isPresent() || headersFormat().isPresent())) {
      List<String> keys = new ArrayList<>();
      keys.add(STORE_ENVELOPE_CONFIG);
      if (keysFormat().isPresent()) {
        keys.add(STORE_KAFKA_KEYS_CONFIG);
      }
      if (headersFormat().isPresent()) {
        keys.add(STORE_KAFKA_HEADERS_CONFIG);
      }
      problems.add(new ConfigProblem(keys, "store.envelope already puts the key and headers in every row; it cannot"
          + " be combined with the side files of store.kafka.keys / store.kafka.headers (choose one layout)"));
    }
  }

  // --- end of keys and headers side files ---

  public static final ConfigDef CONFIG_DEF = newConfigDef();

  private final FormatKind format;
  private final PartitionerKind partitioner;
  private final TimestampKind timestampKind;
  private final CredentialSettings credentials;
  private final List<ConfigProblem> problems;

  /**
   * Parses and checks every rule.
   *
   * @throws ConfigException for a single-key problem, or one listing every multi-key problem with its keys
   */
  public S3SinkConfig(Map<String, ?> props) {
    this(props, true);
    ConfigException problem = ConfigProblems.toException(problems);
    if (problem != null) {
      throw problem;
    }
  }

  private S3SinkConfig(Map<String, ?> props, boolean log) {
    super(CONFIG_DEF, props, log);
    this.format = Choices.parse(FormatKind.class, FORMAT_CLASS_CONFIG, getString(FORMAT_CLASS_CONFIG));
    this.partitioner = Choices.parse(PartitionerKind.class, PARTITIONER_CLASS_CONFIG,
        getString(PARTITIONER_CLASS_CONFIG));
    this.timestampKind = Choices.parse(TimestampKind.class, TIMESTAMP_EXTRACTOR_CONFIG,
        getString(TIMESTAMP_EXTRACTOR_CONFIG));
    ConfigProblems found = new ConfigProblems();
    this.credentials = CREDENTIALS.resolve(this, found);
    crossKeyProblems(found);
    this.problems = found.list();
  }

  private static ConfigDef newConfigDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(S3_BUCKET_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
        Importance.HIGH, S3_BUCKET_DOC, GROUP_S3, ++order, Width.LONG, "Bucket");
    def.define(S3_REGION_CONFIG, Type.STRING, S3_REGION_DEFAULT, new ConfigDef.NonEmptyString(),
        Importance.MEDIUM, S3_REGION_DOC, GROUP_S3, ++order, Width.SHORT, "Region");
    def.define(STORE_URL_CONFIG, Type.STRING, "", Importance.LOW, STORE_URL_DOC, GROUP_S3, ++order,
        Width.LONG, "Endpoint");
    def.define(PATH_STYLE_CONFIG, Type.BOOLEAN, PATH_STYLE_DEFAULT, Importance.LOW, PATH_STYLE_DOC, GROUP_S3,
        ++order, Width.SHORT, "Path-style access");
    def.define(TOPICS_DIR_CONFIG, Type.STRING, TOPICS_DIR_DEFAULT, Importance.MEDIUM, TOPICS_DIR_DOC, GROUP_S3,
        ++order, Width.MEDIUM, "Topics directory");
    def.define(STORAGE_CLASS_CONFIG, Type.STRING, STORAGE_CLASS_DEFAULT, Choices.validator(StorageKind.class),
        Importance.LOW, STORAGE_CLASS_DOC, GROUP_S3, ++order, Width.LONG, "Storage");
    def.define(S3_PART_SIZE_CONFIG, Type.INT, S3_PART_SIZE_DEFAULT, Range.between(5 * 1024 * 1024,
        Integer.MAX_VALUE), Importance.MEDIUM, S3_PART_SIZE_DOC, GROUP_S3, ++order, Width.SHORT, "Part size");
    def.define(SSEA_CONFIG, Type.STRING, "", Choices.validator(SseAlgorithm.class), Importance.LOW, SSEA_DOC,
        GROUP_S3, ++order, Width.SHORT, "SSE algorithm");
    def.define(SSE_KMS_KEY_CONFIG, Type.STRING, "", Importance.LOW, SSE_KMS_KEY_DOC, GROUP_S3, ++order,
        Width.LONG, "SSE-KMS key");
    def.define(ACL_CANNED_CONFIG, Type.STRING, "", new CannedAclValidator(), Importance.LOW, ACL_CANNED_DOC,
        GROUP_S3, ++order, Width.MEDIUM, "Canned ACL");
    def.define(OBJECT_TAGGING_CONFIG, Type.BOOLEAN, false, Importance.LOW, OBJECT_TAGGING_DOC, GROUP_S3,
        ++order, Width.SHORT, "Object tagging");
    def.define(OBJECT_STORAGE_CLASS_CONFIG, Type.STRING, "", new StorageClassValidator(), Importance.LOW,
        OBJECT_STORAGE_CLASS_DOC, GROUP_S3, ++order, Width.MEDIUM, "S3 storage class");
    order = CREDENTIALS.define(def, GROUP_S3, order);

    order = 0;
    def.define(RETRY_BACKOFF_CONFIG, Type.LONG, RETRY_BACKOFF_DEFAULT, Range.atLeast(1), Importance.LOW,
        RETRY_BACKOFF_DOC, GROUP_RETRY, ++order, Width.SHORT, "Back-off");
    def.define(RETRY_MAX_BACKOFF_CONFIG, Type.LONG, RETRY_MAX_BACKOFF_DEFAULT, Range.atLeast(1),
        Importance.LOW, RETRY_MAX_BACKOFF_DOC, GROUP_RETRY, ++order, Width.SHORT, "Max back-off");
    def.define(RETRY_DEADLINE_CONFIG, Type.LONG, RETRY_DEADLINE_DEFAULT, Range.atLeast(0), Importance.LOW,
        RETRY_DEADLINE_DOC, GROUP_RETRY, ++order, Width.SHORT, "Retry deadline");
    def.define(S3_REQUEST_TIMEOUT_CONFIG, Type.LONG, S3_REQUEST_TIMEOUT_DEFAULT, Range.atLeast(100),
        Importance.LOW, S3_REQUEST_TIMEOUT_DOC, GROUP_RETRY, ++order, Width.SHORT, "Request timeout");

    order = 0;
    def.define(FORMAT_CLASS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Choices.validator(FormatKind.class),
        Importance.HIGH, FORMAT_CLASS_DOC, GROUP_FORMAT, ++order, Width.LONG, "Format",
        Choices.recommender(FormatKind.class));
    def.define(PARQUET_CODEC_CONFIG, Type.STRING, PARQUET_CODEC_DEFAULT, Choices.validator(ParquetCodec.class),
        Importance.MEDIUM, PARQUET_CODEC_DOC, GROUP_FORMAT, ++order, Width.SHORT, "Parquet codec",
        Choices.recommender(ParquetCodec.class));
    def.define(PARQUET_ROW_GROUP_CONFIG, Type.INT, PARQUET_ROW_GROUP_DEFAULT, Range.atLeast(64 * 1024),
        Importance.LOW, PARQUET_ROW_GROUP_DOC, GROUP_FORMAT, ++order, Width.SHORT, "Parquet row group");
    def.define(PARQUET_DICTIONARY_CONFIG, Type.BOOLEAN, PARQUET_DICTIONARY_DEFAULT, Importance.LOW,
        PARQUET_DICTIONARY_DOC, GROUP_FORMAT, ++order, Width.SHORT, "Parquet dictionary encoding");
    def.define(PARQUET_DICTIONARY_ADAPTIVE_CONFIG, Type.BOOLEAN, PARQUET_DICTIONARY_ADAPTIVE_DEFAULT, Importance.LOW,
        PARQUET_DICTIONARY_ADAPTIVE_DOC, GROUP_FORMAT, ++order, Width.SHORT, "Parquet adaptive dictionary");
    def.define(JSON_COMPRESSION_CONFIG, Type.STRING, JSON_COMPRESSION_DEFAULT,
        Choices.validator(JsonCompression.class), Importance.LOW, JSON_COMPRESSION_DOC, GROUP_FORMAT, ++order,
        Width.SHORT, "JSON compression", Choices.recommender(JsonCompression.class));
    def.define(AVRO_CODEC_CONFIG, Type.STRING, AVRO_CODEC_DEFAULT, Choices.validator(AvroCodec.class),
        Importance.LOW, AVRO_CODEC_DOC, GROUP_FORMAT, ++order, Width.SHORT, "Avro codec",
        Choices.recommender(AvroCodec.class));
    def.define(SCHEMALESS_SCHEMA_CONFIG, Type.STRING, "", new AvroSchemaValidator(), Importance.MEDIUM,
        SCHEMALESS_SCHEMA_DOC, GROUP_FORMAT, ++order, Width.LONG, "Schema for schemaless values");
    def.define(DECIMAL_PRECISION_CONFIG, Type.INT, DECIMAL_PRECISION_DEFAULT, Range.between(1, 76),
        Importance.LOW, DECIMAL_PRECISION_DOC, GROUP_FORMAT, ++order, Width.SHORT, "Default decimal precision");
    def.define(SCHEMA_COMPATIBILITY_CONFIG, Type.STRING, SCHEMA_COMPATIBILITY_DEFAULT,
        Choices.validator(SchemaCompatibility.class), Importance.LOW, SCHEMA_COMPATIBILITY_DOC, GROUP_FORMAT,
        ++order, Width.SHORT, "Schema compatibility", Choices.recommender(SchemaCompatibility.class));
    def.define(NULL_VALUES_CONFIG, Type.STRING, NULL_VALUES_DEFAULT, Choices.validator(NullValueBehavior.class),
        Importance.LOW, NULL_VALUES_DOC, GROUP_FORMAT, ++order, Width.SHORT, "Null values",
        Choices.recommender(NullValueBehavior.class));
    def.define(STORE_ENVELOPE_CONFIG, Type.BOOLEAN, STORE_ENVELOPE_DEFAULT, Importance.MEDIUM, STORE_ENVELOPE_DOC,
        GROUP_FORMAT, ++order, Width.SHORT, "Envelope rows");
    defineSideFileOptions(def);

    order = 0;
    def.define(PARTITIONER_CLASS_CONFIG, Type.STRING, PARTITIONER_CLASS_DEFAULT,
        Choices.validator(PartitionerKind.class), Importance.HIGH, PARTITIONER_CLASS_DOC, GROUP_PARTITION,
        ++order, Width.LONG, "Partitioner", Choices.recommender(PartitionerKind.class));
    def.define(PATH_FORMAT_CONFIG, Type.STRING, "", PathValidators.pathFormat(), Importance.MEDIUM,
        PATH_FORMAT_DOC, GROUP_PARTITION, ++order, Width.LONG, "Path format");
    def.define(PARTITION_DURATION_CONFIG, Type.LONG, PARTITION_DURATION_DEFAULT, new DurationValidator(),
        Importance.MEDIUM, PARTITION_DURATION_DOC, GROUP_PARTITION, ++order, Width.SHORT, "Partition duration");
    def.define(PARTITION_FIELD_CONFIG, Type.LIST, "", Importance.MEDIUM, PARTITION_FIELD_DOC, GROUP_PARTITION,
        ++order, Width.LONG, "Partition fields");
    def.define(LOCALE_CONFIG, Type.STRING, LOCALE_DEFAULT, PathValidators.locale(), Importance.LOW, LOCALE_DOC,
        GROUP_PARTITION, ++order, Width.SHORT, "Locale");
    def.define(TIMEZONE_CONFIG, Type.STRING, "", PathValidators.timezone(), Importance.MEDIUM, TIMEZONE_DOC,
        GROUP_PARTITION, ++order, Width.SHORT, "Timezone");
    def.define(TIMESTAMP_EXTRACTOR_CONFIG, Type.STRING, TIMESTAMP_EXTRACTOR_DEFAULT,
        Choices.validator(TimestampKind.class), Importance.MEDIUM, TIMESTAMP_EXTRACTOR_DOC, GROUP_PARTITION,
        ++order, Width.LONG, "Timestamp extractor", Choices.recommender(TimestampKind.class));
    def.define(TIMESTAMP_FIELD_CONFIG, Type.STRING, TIMESTAMP_FIELD_DEFAULT, Importance.MEDIUM,
        TIMESTAMP_FIELD_DOC, GROUP_PARTITION, ++order, Width.MEDIUM, "Timestamp field");
    def.define(TIMESTAMP_UNIT_CONFIG, Type.STRING, TIMESTAMP_UNIT_DEFAULT, Choices.validator(TimeUnitChoice.class),
        Importance.LOW, TIMESTAMP_UNIT_DOC, GROUP_PARTITION, ++order, Width.SHORT, "Timestamp field unit",
        Choices.recommender(TimeUnitChoice.class));
    def.define(TIMESTAMP_HEADER_CONFIG, Type.STRING, TIMESTAMP_HEADER_DEFAULT, Importance.LOW,
        TIMESTAMP_HEADER_DOC, GROUP_PARTITION, ++order, Width.MEDIUM, "Timestamp header");

    order = 0;
    def.define(FLUSH_SIZE_CONFIG, Type.INT, FLUSH_SIZE_DEFAULT, Range.atLeast(1), Importance.HIGH,
        FLUSH_SIZE_DOC, GROUP_ROTATION, ++order, Width.SHORT, "Flush size");
    def.define(ROTATE_BYTES_CONFIG, Type.LONG, ROTATE_BYTES_DEFAULT, new DurationValidator(), Importance.MEDIUM,
        ROTATE_BYTES_DOC, GROUP_ROTATION, ++order, Width.SHORT, "Rotate size");
    def.define(ROTATE_INTERVAL_CONFIG, Type.LONG, ROTATE_INTERVAL_DEFAULT, new DurationValidator(),
        Importance.MEDIUM, ROTATE_INTERVAL_DOC, GROUP_ROTATION, ++order, Width.SHORT, "Rotate interval");
    def.define(ROTATE_SCHEDULE_CONFIG, Type.LONG, ROTATE_SCHEDULE_DEFAULT, new DurationValidator(),
        Importance.MEDIUM, ROTATE_SCHEDULE_DOC, GROUP_ROTATION, ++order, Width.SHORT, "Rotate schedule");
    def.define(EXACTLY_ONCE_CONFIG, Type.BOOLEAN, EXACTLY_ONCE_DEFAULT, Importance.MEDIUM, EXACTLY_ONCE_DOC,
        GROUP_ROTATION, ++order, Width.SHORT, "Exactly once");
    def.define(MEMORY_MAX_CONFIG, Type.LONG, MEMORY_MAX_DEFAULT, Range.atLeast(1024 * 1024), Importance.MEDIUM,
        MEMORY_MAX_DOC, GROUP_ROTATION, ++order, Width.SHORT, "Memory budget");
    def.define(COMPACT_MAX_CONFIG, Type.LONG, COMPACT_MAX_DEFAULT, Range.between(0, 256L * 1024 * 1024),
        Importance.LOW, COMPACT_MAX_DOC, GROUP_ROTATION, ++order, Width.SHORT, "Compact rows per file");
    def.define(ZERO_PAD_CONFIG, Type.INT, ZERO_PAD_DEFAULT, Range.between(1, 19), Importance.LOW, ZERO_PAD_DOC,
        GROUP_ROTATION, ++order, Width.SHORT, "Offset zero-pad width");

    order = 0;
    def.define(GLUE_ENABLED_CONFIG, Type.BOOLEAN, GLUE_ENABLED_DEFAULT, Importance.MEDIUM, GLUE_ENABLED_DOC,
        GROUP_CATALOG, ++order, Width.SHORT, "Glue catalog");
    def.define(GLUE_DATABASE_CONFIG, Type.STRING, "", Importance.MEDIUM, GLUE_DATABASE_DOC, GROUP_CATALOG, ++order,
        Width.MEDIUM, "Glue database");
    def.define(GLUE_TABLE_CONFIG, Type.STRING, GLUE_TABLE_DEFAULT, new ConfigDef.NonEmptyString(), Importance.LOW,
        GLUE_TABLE_DOC, GROUP_CATALOG, ++order, Width.MEDIUM, "Glue table name");
    def.define(GLUE_CATALOG_ID_CONFIG, Type.STRING, "", Importance.LOW, GLUE_CATALOG_ID_DOC, GROUP_CATALOG, ++order,
        Width.SHORT, "Glue catalog id");
    def.define(GLUE_REGION_CONFIG, Type.STRING, "", Importance.LOW, GLUE_REGION_DOC, GROUP_CATALOG, ++order,
        Width.SHORT, "Glue region");
    def.define(GLUE_ENDPOINT_CONFIG, Type.STRING, "", new EndpointValidator(), Importance.LOW, GLUE_ENDPOINT_DOC,
        GROUP_CATALOG, ++order, Width.LONG, "Glue endpoint");
    def.define(GLUE_PROJECTION_CONFIG, Type.BOOLEAN, GLUE_PROJECTION_DEFAULT, Importance.LOW, GLUE_PROJECTION_DOC,
        GROUP_CATALOG, ++order, Width.SHORT, "Partition projection");
    def.define(GLUE_PROJECTION_START_CONFIG, Type.STRING, GLUE_PROJECTION_START_DEFAULT, new IsoDateValidator(),
        Importance.LOW, GLUE_PROJECTION_START_DOC, GROUP_CATALOG, ++order, Width.SHORT, "Projection start");
    def.define(GLUE_PROJECTION_PARTITION_MAX_CONFIG, Type.INT, GLUE_PROJECTION_PARTITION_MAX_DEFAULT,
        Range.atLeast(0), Importance.LOW, GLUE_PROJECTION_PARTITION_MAX_DOC, GROUP_CATALOG, ++order, Width.SHORT,
        "Projected Kafka partitions");
    def.define(GLUE_RETRY_MAX_BACKOFF_CONFIG, Type.LONG, GLUE_RETRY_MAX_BACKOFF_DEFAULT, Range.atLeast(1),
        Importance.LOW, GLUE_RETRY_MAX_BACKOFF_DOC, GROUP_CATALOG, ++order, Width.SHORT, "Glue max back-off");
    return def;
  }

  /**
   * The rules that span several keys, every problem with every key involved. Used by the connector's
   * {@code validate} so that the REST validate endpoint marks each key; assumes single-key validation
   * passed (throws its ConfigException otherwise).
   */
  public static List<ConfigProblem> validate(Map<String, String> props) {
    return new S3SinkConfig(props, false).problems;
  }

  private void crossKeyProblems(ConfigProblems problems) {
    if ((partitioner == PartitionerKind.TIME || partitioner == PartitionerKind.FIELD_TIME)
        && getString(PATH_FORMAT_CONFIG).isBlank()) {
      problems.add("path.format is required when partitioner.class is " + partitioner.wireName(),
          PATH_FORMAT_CONFIG, PARTITIONER_CLASS_CONFIG);
    }
    if (getString(TIMEZONE_CONFIG).isBlank()) {
      List<String> needing = new ArrayList<>();
      if (partitioner.usesTime()) {
        needing.add(PARTITIONER_CLASS_CONFIG);
      }
      if (getLong(ROTATE_SCHEDULE_CONFIG) > 0) {
        needing.add(ROTATE_SCHEDULE_CONFIG);
      }
      if (!needing.isEmpty()) {
        List<String> keys = new ArrayList<>(List.of(TIMEZONE_CONFIG));
        keys.addAll(needing);
        problems.add(new ConfigProblem(keys, "timezone is required when partitioner.class is time-based or"
            + " rotate.schedule.interval.ms is set; the JVM default is never used"));
      }
    }
    if (partitioner.usesFields() && partitionFields().isEmpty()) {
      problems.add("partition.field.name is required when partitioner.class is " + partitioner.wireName(),
          PARTITION_FIELD_CONFIG, PARTITIONER_CLASS_CONFIG);
    }
    if (timestampKind == TimestampKind.RECORD_FIELD && getString(TIMESTAMP_FIELD_CONFIG).isBlank()) {
      problems.add("timestamp.field is required when timestamp.extractor is RecordField", TIMESTAMP_FIELD_CONFIG,
          TIMESTAMP_EXTRACTOR_CONFIG);
    }
    if (nullValueBehavior() == NullValueBehavior.WRITE && format != FormatKind.JSON
        && !getBoolean(STORE_ENVELOPE_CONFIG)) {
      problems.add("behavior.on.null.values=write is only possible with format.class=json or store.envelope=true; "
          + format.wireName() + " cannot hold a null row. Use fail or ignore", NULL_VALUES_CONFIG,
          FORMAT_CLASS_CONFIG, STORE_ENVELOPE_CONFIG);
    }
    if (sseAlgorithm() != SseAlgorithm.KMS && !getString(SSE_KMS_KEY_CONFIG).isBlank()) {
      problems.add("s3.sse.kms.key.id needs s3.ssea.name=aws:kms", SSE_KMS_KEY_CONFIG, SSEA_CONFIG);
    }
    if (getBoolean(GLUE_ENABLED_CONFIG)) {
      catalogProblems(problems);
    }
    sideFileProblems(problems);
    if (getLong(RETRY_MAX_BACKOFF_CONFIG) < getLong(RETRY_BACKOFF_CONFIG)) {
      problems.add("s3.retry.max.backoff.ms must be at least s3.retry.backoff.ms", RETRY_MAX_BACKOFF_CONFIG,
          RETRY_BACKOFF_CONFIG);
    }
  }

  private void catalogProblems(ConfigProblems problems) {
    if (getString(GLUE_DATABASE_CONFIG).isBlank()) {
      problems.add("glue.database is required when glue.enabled=true", GLUE_DATABASE_CONFIG, GLUE_ENABLED_CONFIG);
    }
    String template = getString(GLUE_TABLE_CONFIG);
    String topics = originalsStrings().getOrDefault("topics", "");
    boolean severalTopics = topics.contains(",") || !originalsStrings().getOrDefault("topics.regex", "").isBlank();
    if (!template.contains(TOPIC_PLACEHOLDER) && severalTopics) {
      problems.add("glue.table.name has no ${topic} but the connector reads several topics (topics, topics.regex):"
          + " their files would fight over one table", GLUE_TABLE_CONFIG, "topics", "topics.regex");
    }
    if (!getBoolean(GLUE_PROJECTION_CONFIG)) {
      return;
    }
    String pathFormat = effectivePathFormat();
    if (!pathFormat.isBlank()) {
      for (PathTemplate.Segment segment : PathTemplate.parse(pathFormat)) {
        Optional<String> problem = PathProjection.problem(segment);
        if (problem.isPresent()) {
          problems.add("glue.projection.enabled=true cannot project path.format '" + pathFormat + "': "
              + problem.get() + ". Use numeric fields (YYYY, MM, dd, HH, mm, ss), or set glue.projection.enabled"
              + "=false and register partitions with MSCK REPAIR TABLE or a crawler", PATH_FORMAT_CONFIG,
              PARTITIONER_CLASS_CONFIG, GLUE_PROJECTION_CONFIG);
          break;
        }
      }
    }
  }

  /** Placeholder of {@code glue.table.name}. */
  public static final String TOPIC_PLACEHOLDER = "${topic}";

  /**
   * The Glue table name of a topic: the template with the topic put in, made Glue-legal (lower case,
   * characters other than a-z, 0-9 and _ become _).
   */
  public String glueTableName(String topic) {
    return glueTableName(getString(GLUE_TABLE_CONFIG), topic);
  }

  /**
   * The Glue table name of {@code topic} under the {@code glue.table.name} template {@code template}: the one
   * implementation, also used by the CLI's IAM policy generator (through the plugin ZIP).
   */
  public static String glueTableName(String template, String topic) {
    String name = template.replace(TOPIC_PLACEHOLDER, topic).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return out.length() > 255 ? out.substring(0, 255) : out.toString();
  }

  /** The path.format the partitioner renders (hourly and daily have fixed ones); empty when time is not used. */
  public String effectivePathFormat() {
    return switch (partitioner) {
      case TIME, FIELD_TIME -> getString(PATH_FORMAT_CONFIG);
      case HOURLY -> HOURLY_PATH_FORMAT;
      case DAILY -> DAILY_PATH_FORMAT;
      default -> "";
    };
  }

  /** The time-bucket width the partitioner floors to (hourly and daily have fixed ones); -1 for none. */
  public long effectivePartitionDuration() {
    return switch (partitioner) {
      case HOURLY -> 3_600_000L;
      case DAILY -> 86_400_000L;
      default -> getLong(PARTITION_DURATION_CONFIG);
    };
  }

  /** The path.format of the hourly partitioner, as Confluent's HourlyPartitioner writes it. */
  public static final String HOURLY_PATH_FORMAT = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";
  /** The path.format of the daily partitioner. */
  public static final String DAILY_PATH_FORMAT = "'year'=YYYY/'month'=MM/'day'=dd";

  /** The first day projected time partitions cover. */
  public LocalDate glueProjectionStart() {
    return LocalDate.parse(getString(GLUE_PROJECTION_START_CONFIG));
  }

  public FormatKind format() {
    return format;
  }

  public PartitionerKind partitioner() {
    return partitioner;
  }

  public TimestampKind timestampKind() {
    return timestampKind;
  }

  public ParquetCodec parquetCodec() {
    return Choices.parse(ParquetCodec.class, PARQUET_CODEC_CONFIG, getString(PARQUET_CODEC_CONFIG));
  }

  public JsonCompression jsonCompression() {
    return Choices.parse(JsonCompression.class, JSON_COMPRESSION_CONFIG, getString(JSON_COMPRESSION_CONFIG));
  }

  public AvroCodec avroCodec() {
    return Choices.parse(AvroCodec.class, AVRO_CODEC_CONFIG, getString(AVRO_CODEC_CONFIG));
  }

  public NullValueBehavior nullValueBehavior() {
    return Choices.parse(NullValueBehavior.class, NULL_VALUES_CONFIG, getString(NULL_VALUES_CONFIG));
  }

  public SchemaCompatibility schemaCompatibility() {
    return Choices.parse(SchemaCompatibility.class, SCHEMA_COMPATIBILITY_CONFIG,
        getString(SCHEMA_COMPATIBILITY_CONFIG));
  }

  public SseAlgorithm sseAlgorithm() {
    return Choices.parse(SseAlgorithm.class, SSEA_CONFIG, getString(SSEA_CONFIG));
  }

  public TimeUnitChoice timestampUnit() {
    return Choices.parse(TimeUnitChoice.class, TIMESTAMP_UNIT_CONFIG, getString(TIMESTAMP_UNIT_CONFIG));
  }

  public List<String> partitionFields() {
    List<String> fields = new ArrayList<>();
    for (String field : getList(PARTITION_FIELD_CONFIG)) {
      if (!field.isBlank()) {
        fields.add(field.trim());
      }
    }
    return fields;
  }

  /** The timezone; only call when one is required (validated non-empty then). */
  public ZoneId zone() {
    String zone = getString(TIMEZONE_CONFIG);
    return zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
  }

  public Locale locale() {
    return PathValidators.parseLocale(getString(LOCALE_CONFIG));
  }

  /** The schema for schemaless values, or null when none is configured. */
  public Schema schemalessSchema() {
    String text = getString(SCHEMALESS_SCHEMA_CONFIG);
    return text.isBlank() ? null : new Schema.Parser().parse(text);
  }

  /** Where the S3 client's credentials come from, and the role to assume, if any. */
  public CredentialSettings credentials() {
    return credentials;
  }

  private static final class IsoDateValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        LocalDate.parse(String.valueOf(value));
      } catch (DateTimeException e) {
        throw new ConfigException(name, value, "Expected a date such as 2024-01-01");
      }
    }

    @Override
    public String toString() {
      return "a date yyyy-MM-dd";
    }
  }

  private static final class DurationValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      long number = value instanceof Number n ? n.longValue() : 0L;
      if (number == 0 || number < -1) {
        throw new ConfigException(name, value, "Expected -1 (disabled) or a positive number");
      }
    }

    @Override
    public String toString() {
      return "-1 (disabled) or a positive number";
    }
  }

  private static final class AvroSchemaValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString();
      if (text.isBlank()) {
        return;
      }
      Schema schema;
      try {
        schema = new Schema.Parser().parse(text);
      } catch (SchemaParseException e) {
        throw new ConfigException(name, "(schema)", "Not a valid Avro schema: " + e.getMessage());
      }
      if (schema.getType() != Schema.Type.RECORD) {
        throw new ConfigException(name, "(schema)", "Expected an Avro record schema, got " + schema.getType());
      }
    }

    @Override
    public String toString() {
      return "empty, or an Avro record schema in JSON";
    }
  }

  private static final class CannedAclValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString();
      if (!text.isBlank()
          && software.amazon.awssdk.services.s3.model.ObjectCannedACL.fromValue(text)
          == software.amazon.awssdk.services.s3.model.ObjectCannedACL.UNKNOWN_TO_SDK_VERSION) {
        throw new ConfigException(name, value, "Allowed values: " + this);
      }
    }

    @Override
    public String toString() {
      return String.join(", ", software.amazon.awssdk.services.s3.model.ObjectCannedACL.knownValues().stream()
          .map(Object::toString).sorted().toList());
    }
  }

  private static final class StorageClassValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString();
      if (!text.isBlank()
          && software.amazon.awssdk.services.s3.model.StorageClass.fromValue(text)
          == software.amazon.awssdk.services.s3.model.StorageClass.UNKNOWN_TO_SDK_VERSION) {
        throw new ConfigException(name, value, "Allowed values: " + this);
      }
    }

    @Override
    public String toString() {
      return String.join(", ", software.amazon.awssdk.services.s3.model.StorageClass.knownValues().stream()
          .map(Object::toString).sorted().toList());
    }
  }
}
