package io.streamlake.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EndpointValidatorTest {

  private final EndpointValidator validator = new EndpointValidator();

  @Test
  void acceptsEmptyAndHttpUrls() {
    validator.ensureValid("glue.endpoint", "");
    validator.ensureValid("glue.endpoint", null);
    validator.ensureValid("glue.endpoint", "https://glue.eu-west-1.amazonaws.com");
    validator.ensureValid("glue.endpoint", " http://127.0.0.1:4566 ");
    assertThat(EndpointValidator.parse("glue.endpoint", "http://127.0.0.1:4566"))
        .isEqualTo(URI.create("http://127.0.0.1:4566"));
  }

  @Test
  void rejectsWhatIsNotAnAbsoluteHttpUrlNamingTheOption() {
    for (String bad : new String[] {"glue.local", "http://bad host", "ftp://glue.local", "http:/nohost", "::"}) {
      assertThatThrownBy(() -> validator.ensureValid("glue.endpoint", bad)).as(bad)
          .isInstanceOf(ConfigException.class).hasMessageContaining("glue.endpoint").hasMessageContaining("http(s) URL");
    }
  }
}
