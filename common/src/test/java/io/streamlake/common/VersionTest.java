package io.streamlake.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void classesOutsideAJarGetTheBuiltBundleVersion() {
    // Test classes run from a directory, which has no manifest: the filtered build resource answers.
    assertThat(Version.of(VersionTest.class)).isNotBlank().isNotEqualTo(Version.UNKNOWN).doesNotContain("${");
  }

  @Test
  void aJarsImplementationVersionWins() {
    // JUnit's own jar carries Implementation-Version in its manifest.
    String junit = Test.class.getPackage().getImplementationVersion();
    assumeTrue(junit != null, "JUnit jar without Implementation-Version");
    assertThat(Version.of(Test.class)).isEqualTo(junit);
  }
}
