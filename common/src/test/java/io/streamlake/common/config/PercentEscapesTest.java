package io.streamlake.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEscapesTest {

  @Test
  void decodesEscapesAsUtf8AndKeepsAPlus() {
    assertThat(PercentEscapes.decode("a+b%2Fc%3a%C3%A9")).isEqualTo("a+b/c:é");
    assertThat(PercentEscapes.decode("arn%3Aaws%3Asecretsmanager%3Aus-east-1%3A123456789012%3Asecret%3Aprod%2Fdb"))
        .isEqualTo("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db");
  }

  @Test
  void textWithoutAnEscapeIsReturnedAsItIs() {
    assertThat(PercentEscapes.decode("prod/db+x=y")).isEqualTo("prod/db+x=y");
  }

  @Test
  void aPercentThatStartsNoEscapeIsKept() {
    assertThat(PercentEscapes.decode("100%zz")).isEqualTo("100%zz");
    assertThat(PercentEscapes.decode("a%2")).isEqualTo("a%2");
    assertThat(PercentEscapes.decode("%41%")).isEqualTo("A%");
  }
}
