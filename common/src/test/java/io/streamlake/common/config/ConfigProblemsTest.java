package io.streamlake.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConfigProblemsTest {

  @Test
  void collectsEveryProblemInOrder() {
    ConfigProblems problems = new ConfigProblems()
        .add("path.format is required when partitioner.class is time", "path.format", "partitioner.class")
        .add("timezone is required", "timezone");
    assertThat(problems.list()).extracting(ConfigProblem::keys)
        .containsExactly(List.of("path.format", "partitioner.class"), List.of("timezone"));
  }

  @Test
  void nothingIsThrownWithoutProblems() {
    new ConfigProblems().throwIfAny();
    assertThat(ConfigProblems.toException(List.of())).isNull();
  }

  @Test
  void oneProblemIsThrownWithItsKeys() {
    ConfigProblems problems = new ConfigProblems().add("a needs b", "a", "b");
    assertThatThrownBy(problems::throwIfAny).isInstanceOf(ConfigException.class)
        .hasMessage("Invalid configuration [a, b] a needs b");
  }

  @Test
  void severalProblemsAreThrownAsOneExceptionListingThemAll() {
    ConfigProblems problems = new ConfigProblems().add("a needs b", "a", "b").add("c is wrong", "c");
    assertThatThrownBy(problems::throwIfAny).isInstanceOf(ConfigException.class)
        .hasMessage("Invalid configuration, 2 problems: (1) [a, b] a needs b (2) [c] c is wrong");
  }

  @Test
  void attachAddsEachMessageToEveryKeyInvolved() {
    ConfigValue a = new ConfigValue("a");
    ConfigValue b = new ConfigValue("b");
    ConfigValue c = new ConfigValue("c");
    Config config = new Config(List.of(a, b, c));
    ConfigProblems.attach(config, new ConfigProblems().add("a needs b", "a", "b").add("a is odd", "a", "zz")
        .list());
    assertThat(a.errorMessages()).containsExactly("a needs b", "a is odd");
    assertThat(b.errorMessages()).containsExactly("a needs b");
    assertThat(c.errorMessages()).isEmpty();
    assertThat(ConfigProblems.hasErrors(config)).isTrue();
  }

  @Test
  void aProblemNeedsAKey() {
    assertThatThrownBy(() -> new ConfigProblem(List.of(), "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aProblemNeedsAMessage() {
    assertThatThrownBy(() -> ConfigProblem.of(" ", "a")).isInstanceOf(IllegalArgumentException.class);
  }
}
