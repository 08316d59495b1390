package io.streamlake.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

  @Test
  void testOptionsFlagsAndPositionals() {
    Args args = Args.parse(List.of("a.json", "--mcu", "2", "--set=k=v", "--set", "x=y", "--strict", "b.json"),
        Set.of("mcu", "set"), Set.of("strict"));
    assertThat(args.positional()).containsExactly("a.json", "b.json");
    assertThat(args.getInt("mcu", 1)).isEqualTo(2);
    assertThat(args.all("set")).containsExactly("k=v", "x=y");
    assertThat(args.has("strict")).isTrue();
    assertThat(args.get("missing", "fallback")).isEqualTo("fallback");
  }

  @Test
  void testUnknownOptionIsAnError() {
    assertThatThrownBy(() -> Args.parse(List.of("--mcus", "2"), Set.of("mcu"), Set.of()))
        .isInstanceOf(Args.UsageException.class).hasMessageContaining("--mcus");
  }

  @Test
  void testMissingValueIsAnError() {
    assertThatThrownBy(() -> Args.parse(List.of("--mcu"), Set.of("mcu"), Set.of()))
        .isInstanceOf(Args.UsageException.class).hasMessageContaining("needs a value");
  }

  @Test
  void testNonNumericValueIsAnError() {
    Args args = Args.parse(List.of("--mcu", "two"), Set.of("mcu"), Set.of());
    assertThatThrownBy(() -> args.getInt("mcu", 1)).isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("whole number");
  }
}
