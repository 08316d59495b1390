package io.streamlake.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ChoicesTest {

  enum Codec implements Choice {
    NONE("none", "", "uncompressed"),
    LZ4_RAW("lz4_raw"),
    PARQUET("parquet", "io.confluent.connect.s3.format.parquet.ParquetFormat");

    private final Spelling spelling;

    Codec(String wireName, String... aliases) {
      this.spelling = Spelling.of(wireName, aliases);
    }

    @Override
    public Spelling spelling() {
      return spelling;
    }
  }

  enum Mode implements Choice {
    REWRITE("rewrite"),
    REWRITE_WITH_TOMBSTONE("rewrite-with-tombstone");

    private final Spelling spelling;

    Mode(String wireName) {
      this.spelling = Spelling.of(wireName);
    }

    @Override
    public Spelling spelling() {
      return spelling;
    }
  }

  enum Clash implements Choice {
    A("a-b"),
    B("A_B");

    private final Spelling spelling;

    Clash(String wireName) {
      this.spelling = Spelling.of(wireName);
    }

    @Override
    public Spelling spelling() {
      return spelling;
    }
  }

  @Test
  void parsesWireNamesInAnyCaseTrimmed() {
    assertThat(Choices.parse(Mode.class, "m", "  ReWrite ")).isEqualTo(Mode.REWRITE);
  }

  @Test
  void treatsUnderscoreAndDashAlike() {
    assertThat(Choices.parse(Mode.class, "m", "REWRITE_WITH_TOMBSTONE")).isEqualTo(Mode.REWRITE_WITH_TOMBSTONE);
    assertThat(Choices.parse(Codec.class, "c", "lz4-raw")).isEqualTo(Codec.LZ4_RAW);
  }

  @Test
  void acceptsAliases() {
    assertThat(Choices.parse(Codec.class, "c", "io.confluent.connect.s3.format.parquet.ParquetFormat"))
        .isEqualTo(Codec.PARQUET);
    assertThat(Choices.parse(Codec.class, "c", "UNCOMPRESSED")).isEqualTo(Codec.NONE);
  }

  @Test
  void anEmptyAliasMakesBlankSelectAChoice() {
    assertThat(Choices.parse(Codec.class, "c", " ")).isEqualTo(Codec.NONE);
    assertThat(Choices.parse(Codec.class, "c", null)).isEqualTo(Codec.NONE);
  }

  @Test
  void unknownValueFailsNamingTheOptionAndEveryAllowedValue() {
    assertThatThrownBy(() -> Choices.parse(Mode.class, "delete.mode", "keep"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid value keep for configuration delete.mode: Allowed values: rewrite,"
            + " rewrite-with-tombstone");
  }

  @Test
  void blankFailsWhenNoChoiceClaimsIt() {
    assertThatThrownBy(() -> Choices.parse(Mode.class, "delete.mode", ""))
        .isInstanceOf(ConfigException.class).hasMessageContaining("delete.mode");
  }

  @Test
  void parseOptionalTreatsBlankAsNotSet() {
    assertThat(Choices.parseOptional(Mode.class, "m", "")).isEmpty();
    assertThat(Choices.parseOptional(Mode.class, "m", null)).isEmpty();
    assertThat(Choices.parseOptional(Mode.class, "m", "rewrite")).isEqualTo(Optional.of(Mode.REWRITE));
  }

  @Test
  void parseOptionalStillRejectsUnknownValues() {
    assertThatThrownBy(() -> Choices.parseOptional(Mode.class, "m", "nope"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Allowed values: rewrite");
  }

  @Test
  void describeShowsAliasesInParenthesesSeparatedBySemicolons() {
    assertThat(Choices.describe(Codec.class)).isEqualTo("none (or uncompressed); lz4_raw; parquet (or"
        + " io.confluent.connect.s3.format.parquet.ParquetFormat)");
    assertThat(Choices.describe(Mode.class)).isEqualTo("rewrite, rewrite-with-tombstone");
  }

  @Test
  void validatorAcceptsWhatParseAcceptsAndListsTheValues() {
    ConfigDef.Validator validator = Choices.validator(Mode.class);
    validator.ensureValid("m", "REWRITE");
    assertThat(validator).hasToString("rewrite, rewrite-with-tombstone");
    assertThatThrownBy(() -> validator.ensureValid("m", "other"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("m").hasMessageContaining("rewrite");
  }

  @Test
  void blankAllowingValidatorAcceptsBlankAndSaysSo() {
    ConfigDef.Validator validator = Choices.validatorAllowingBlank(Mode.class);
    validator.ensureValid("m", "");
    validator.ensureValid("m", null);
    assertThat(validator).hasToString("empty, or rewrite, rewrite-with-tombstone");
    assertThatThrownBy(() -> validator.ensureValid("m", "other")).isInstanceOf(ConfigException.class);
  }

  @Test
  void recommenderOffersWireNames() {
    assertThat(Choices.recommender(Codec.class).validValues("c", Map.of()))
        .containsExactly("none", "lz4_raw", "parquet");
    assertThat(Choices.recommender(Codec.class).visible("c", Map.of())).isTrue();
  }

  @Test
  void spellingsThatCollideAreRejected() {
    assertThatThrownBy(() -> Choices.validator(Clash.class))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("names both A and B");
  }

  @Test
  void spellingCopiesItsAliases() {
    assertThatThrownBy(() -> Spelling.of("x", "y").aliases().add("z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
