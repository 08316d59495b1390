package io.streamlake.connect.gsr;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.configdocs.ConfigDocs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  @Test
  void readmeOptionsTableMatchesTheConfigDef() throws Exception {
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "gsr-avro-converter", GsrConverterConfig.CONFIG_DEF);
  }

  @Test
  void readmeJsonSchemaOptionsTableMatchesTheConfigDef() throws Exception {
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "gsr-json-converter", GsrConverterConfig.JSON_CONFIG_DEF);
  }

  @Test
  void everyOptionHasDocumentation() {
    GsrConverterConfig.CONFIG_DEF.configKeys().values()
        .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    GsrConverterConfig.JSON_CONFIG_DEF.configKeys().values()
        .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
  }
}
