package io.streamlake.connect.cdc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.data.Json;
import io.debezium.data.Uuid;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.time.MicroTime;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.NanoTime;
import io.debezium.time.NanoTimestamp;
import io.debezium.time.ZonedTime;
import io.debezium.time.ZonedTimestamp;
import io.streamlake.connect.cdc.ConvertDebeziumTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values are encoded with Debezium's own encoders (test scope) and decoded by our SMT, so both sides of the
 * contract are the real ones.
 */
class ConvertDebeziumTypesTest {

  private static final Schema DATE = io.debezium.time.Date.schema();

  private static Object convertOne(Map<String, String> config, Schema schema, Object value) {
    Schema row = SchemaBuilder.struct().name("row").field("f", schema).build();
    SinkRecord out = smt(config).apply(record(row, new Struct(row).put("f", value)));
    assertThat(out.valueSchema().field("f").schema().isOptional()).isEqualTo(schema.isOptional());
    return ((Struct) out.value()).get("f");
  }

  private static ConvertDebeziumTypes<SinkRecord> smt(Map<String, String> config) {
    ConvertDebeziumTypes<SinkRecord> smt = new ConvertDebeziumTypes<>();
    smt.configure(config);
    return smt;
  }

  private static SinkRecord record(Schema schema, Object value) {
    return new SinkRecord("pg.public.t", 1, null, null, schema, value, 77L, 1L, TimestampType.CREATE_TIME);
  }

  private static Date instant(String iso) {
    return Date.from(Instant.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29", "1900-03-01", "9999-12-31",
      "0001-01-01"})
  void debeziumDateBecomesConnectDateAtUtcMidnight(String day) {
    LocalDate date = LocalDate.parse(day);
    Object out = convertOne(Map.of(), DATE, io.debezium.time.Date.toEpochDay(date, null));
    assertThat(out).isEqualTo(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()));
    assertThat(org.apache.kafka.connect.data.Date.fromLogical(org.apache.kafka.connect.data.Date.SCHEMA, (Date) out))
        .isEqualTo((int) date.toEpochDay());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1970-01-01T00:00:00", "1969-12-31T23:59:59.999999", "2024-02-29T12:34:56.123456",
      "1900-01-01T00:00:00.000001", "2262-04-11T23:47:16.854775", "1677-09-21T00:12:43.145225"})
  void microAndNanoTimestampsFloorToTheMillisecond(String text) {
    LocalDateTime time = LocalDateTime.parse(text);
    Date expected = Date.from(time.toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
    assertThat(convertOne(Map.of(), MicroTimestamp.schema(), MicroTimestamp.toEpochMicros(time, null)))
        .isEqualTo(expected);
    assertThat(convertOne(Map.of(), NanoTimestamp.schema(), NanoTimestamp.toEpochNanos(time, null)))
        .isEqualTo(expected);
    assertThat(convertOne(Map.of(), io.debezium.time.Timestamp.schema(),
        io.debezium.time.Timestamp.toEpochMillis(time, null))).isEqualTo(expected);
  }

  @Test
  void oneMicrosecondBeforeTheEpochIsTheLastMillisecondOf1969() {
    assertThat(convertOne(Map.of(), MicroTimestamp.schema(), -1L)).isEqualTo(instant("1969-12-31T23:59:59.999Z"));
    assertThat(convertOne(Map.of(), NanoTimestamp.schema(), -1L)).isEqualTo(instant("1969-12-31T23:59:59.999Z"));
  }

  @Test
  void extremeEpochCountsConvertWithoutOverflow() {
    assertThat(convertOne(Map.of(), NanoTimestamp.schema(), Long.MAX_VALUE))
        .isEqualTo(new Date(Math.floorDiv(Long.MAX_VALUE, 1_000_000L)));
    assertThat(convertOne(Map.of(), MicroTimestamp.schema(), Long.MIN_VALUE))
        .isEqualTo(new Date(Math.floorDiv(Long.MIN_VALUE, 1_000L)));
  }

  @Test
  void failModeRejectsSubMillisecondDigitsAndNamesTheField() {
    Map<String, String> fail = Map.of("precision.loss.mode", "fail");
    assertThat(convertOne(fail, MicroTimestamp.schema(), 1_000_000L)).isEqualTo(new Date(1_000L));
    assertThatThrownBy(() -> convertOne(fail, MicroTimestamp.schema(), 1_000_001L))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic 'pg.public.t' partition 1 offset 77")
        .hasMessageContaining("value.f").hasMessageContaining("1000001")
        .hasMessageContaining("precision.loss.mode=fail");
    assertThatThrownBy(() -> convertOne(fail, NanoTime.schema(), 1L)).isInstanceOf(DataException.class);
    assertThatThrownBy(() -> convertOne(fail, ZonedTimestamp.schema(), "2024-01-01T00:00:00.0000001Z"))
        .isInstanceOf(DataException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"00:00:00", "23:59:59.999999", "12:00:00.000001", "00:00:00.000999"})
  void timesOfDayBecomeConnectTime(String text) {
    LocalTime time = LocalTime.parse(text);
    Date expected = new Date(time.toNanoOfDay() / 1_000_000L);
    assertThat(convertOne(Map.of(), MicroTime.schema(), MicroTime.toMicroOfDay(time, false))).isEqualTo(expected);
    assertThat(convertOne(Map.of(), NanoTime.schema(), NanoTime.toNanoOfDay(time, false))).isEqualTo(expected);
    assertThat(convertOne(Map.of(), io.debezium.time.Time.schema(), io.debezium.time.Time.toMilliOfDay(time, false)))
        .isEqualTo(expected);
    assertThat(Time.fromLogical(Time.SCHEMA, (Date) convertOne(Map.of(), MicroTime.schema(),
        MicroTime.toMicroOfDay(time, false)))).isEqualTo((int) (time.toNanoOfDay() / 1_000_000L));
  }

  @Test
  void postgresMidnightAtTheEndOfTheDayIsAccepted() {
    assertThat(convertOne(Map.of(), MicroTime.schema(), 86_400_000_000L)).isEqualTo(new Date(86_400_000L));
    assertThatThrownBy(() -> convertOne(Map.of(), MicroTime.schema(), 86_400_001_000L))
        .isInstanceOf(DataException.class).hasMessageContaining("not a time of day");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-29T23:59:59.999999+02:00", "1969-12-31T23:59:59.999999999Z",
      "2016-12-31T23:59:59Z", "1970-01-01T00:00:00-14:00", "2038-01-19T03:14:08.5+05:30"})
  void zonedTimestampsKeepTheirInstant(String text) {
    OffsetDateTime time = OffsetDateTime.parse(text);
    String encoded = ZonedTimestamp.toIsoString(time, null);
    assertThat(convertOne(Map.of(), ZonedTimestamp.schema(), encoded))
        .isEqualTo(Date.from(time.toInstant().truncatedTo(ChronoUnit.MILLIS)));
  }

  @Test
  void zonedTimesAreNormalisedToUtcTimeOfDay() {
    String encoded = ZonedTime.toIsoString(OffsetTime.parse("10:15:30.123456+02:00"), null);
    assertThat(convertOne(Map.of(), ZonedTime.schema(), encoded))
        .isEqualTo(new Date(LocalTime.parse("08:15:30.123").toNanoOfDay() / 1_000_000L));
    assertThat(convertOne(Map.of(), ZonedTime.schema(), "23:30:00-02:00"))
        .isEqualTo(new Date(LocalTime.parse("01:30").toNanoOfDay() / 1_000_000L));
  }

  @Test
  void malformedZonedTimestampIsADataExceptionNamingTheField() {
    assertThatThrownBy(() -> convertOne(Map.of(), ZonedTimestamp.schema(), "infinity"))
        .isInstanceOf(DataException.class).hasMessageContaining("value.f").hasMessageContaining("infinity");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "12.345", "-1.5", "123456789012345678901234567890.0123456789", "-0.0000000001",
      "1E+20"})
  void variableScaleDecimalsBecomeDecimalsOfTheConfiguredScale(String text) {
    BigDecimal value = new BigDecimal(text);
    Struct encoded = VariableScaleDecimal.fromLogical(VariableScaleDecimal.schema(), value);
    Object out = convertOne(Map.of(), VariableScaleDecimal.schema(), encoded);
    assertThat(out).isEqualTo(value.setScale(10));
    Schema target = Decimal.schema(10);
    assertThat(Decimal.toLogical(target, Decimal.fromLogical(target, (BigDecimal) out))).isEqualTo(out);
  }

  @Test
  void decimalDigitsBeyondTheScaleAreCutTowardZeroOrRejected() {
    Struct encoded = VariableScaleDecimal.fromLogical(VariableScaleDecimal.schema(), new BigDecimal("-1.23456"));
    assertThat(convertOne(Map.of("variable.scale.decimal.scale", "3"), VariableScaleDecimal.schema(), encoded))
        .isEqualTo(new BigDecimal("-1.234"));
    assertThatThrownBy(() -> convertOne(Map.of("variable.scale.decimal.scale", "3", "precision.loss.mode", "fail"),
        VariableScaleDecimal.schema(), encoded)).isInstanceOf(DataException.class).hasMessageContaining("-1.23456");
  }

  @Test
  void jsonUuidConnectDecimalAndPlainFieldsKeepSchemaAndValue() {
    Schema schema = SchemaBuilder.struct().name("row")
        .field("doc", Json.builder().optional().build())
        .field("uid", Uuid.builder().build())
        .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "8").build())
        .field("n", Schema.INT64_SCHEMA).build();
    Struct value = new Struct(schema).put("doc", "{\"a\":1}").put("uid", "0b5f3e0c-0000-4000-8000-000000000001")
        .put("amount", new BigDecimal("12.30")).put("n", 5L);
    SinkRecord in = record(schema, value);
    assertThat(smt(Map.of()).apply(in)).isSameAs(in);
  }

  @Test
  void optionalityDocAndDefaultsSurviveTheConversion() {
    Schema source = MicroTimestamp.builder().optional().doc("updated at").defaultValue(1_500L).build();
    Schema row = SchemaBuilder.struct().name("row").field("f", source).build();
    SinkRecord out = smt(Map.of()).apply(record(row, new Struct(row).put("f", null)));
    Schema converted = out.valueSchema().field("f").schema();
    assertThat(converted.name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(converted.isOptional()).isTrue();
    assertThat(converted.doc()).isEqualTo("updated at");
    assertThat(converted.defaultValue()).isEqualTo(new Date(1L));
    assertThat(((Struct) out.value()).getWithoutDefault("f")).isNull();
  }

  @Test
  void nestedEnvelopesArraysMapsAndKeysAreConverted() {
    Schema rowSchema = SchemaBuilder.struct().name("db.t.Value").optional()
        .field("day", DATE)
        .field("days", SchemaBuilder.array(DATE).optional().build())
        .field("byName", SchemaBuilder.map(Schema.STRING_SCHEMA, MicroTimestamp.schema()).optional().build())
        .build();
    Schema envelope = SchemaBuilder.struct().name("db.t.Envelope")
        .field("before", rowSchema).field("after", rowSchema).field("op", Schema.STRING_SCHEMA).build();
    Schema keySchema = SchemaBuilder.struct().name("db.t.Key").field("day", DATE).build();
    Struct row = new Struct(rowSchema).put("day", 1).put("days", List.of(0, -1)).put("byName", Map.of("a", 2_000L));
    SinkRecord in = new SinkRecord("t", 0, keySchema, new Struct(keySchema).put("day", 2), envelope,
        new Struct(envelope).put("after", row).put("op", "c"), 5L);
    in.headers().addString("h", "v");

    SinkRecord out = smt(Map.of()).apply(in);

    Struct after = ((Struct) out.value()).getStruct("after");
    assertThat(after.get("day")).isEqualTo(instant("1970-01-02T00:00:00Z"));
    assertThat(after.getArray("days")).containsExactly(instant("1970-01-01T00:00:00Z"),
        instant("1969-12-31T00:00:00Z"));
    assertThat(after.getMap("byName")).containsEntry("a", new Date(2L));
    assertThat(((Struct) out.value()).get("before")).isNull();
    assertThat(out.valueSchema().field("before").schema()).isEqualTo(out.valueSchema().field("after").schema());
    assertThat(out.valueSchema().name()).isEqualTo("db.t.Envelope");
    assertThat(((Struct) out.key()).get("day")).isEqualTo(instant("1970-01-03T00:00:00Z"));
    assertThat(out.headers().lastWithName("h").value()).isEqualTo("v");
    assertThat(((Struct) in.value()).getStruct("after").get("day")).isEqualTo(1);
  }

  @Test
  void schemalessRecordsAndTombstonesPassThrough() {
    SinkRecord schemaless = record(null, Map.of("created", 1_000L));
    SinkRecord tombstone = record(null, null);
    assertThat(smt(Map.of()).apply(schemaless)).isSameAs(schemaless);
    assertThat(smt(Map.of()).apply(tombstone)).isSameAs(tombstone);
  }

  @Test
  void repeatedSchemasAreConvertedOnce() {
    ConvertDebeziumTypes<SinkRecord> smt = smt(Map.of());
    Schema row = SchemaBuilder.struct().name("row").field("f", MicroTimestamp.schema()).build();
    Schema first = smt.apply(record(row, new Struct(row).put("f", 1_000L))).valueSchema();
    Schema second = smt.apply(record(row, new Struct(row).put("f", 2_000L))).valueSchema();
    assertThat(second).isSameAs(first);
  }

  @Test
  void unknownPrecisionLossModeNamesOptionAndValues() {
    assertThatThrownBy(() -> smt(Map.of("precision.loss.mode", "round")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("precision.loss.mode").hasMessageContaining("round")
        .hasMessageContaining("truncate, fail");
  }

  @Test
  void negativeScaleIsRejected() {
    assertThatThrownBy(() -> smt(Map.of("variable.scale.decimal.scale", "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("variable.scale.decimal.scale");
  }
}
