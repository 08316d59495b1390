package io.streamlake.connect.cdc.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.configdocs.ConfigDocs;
import io.streamlake.connect.cdc.ConvertDebeziumTypes;
import io.streamlake.connect.cdc.ExtractNewRecordState;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  @Test
  void readmeOptionsTableOfExtractNewRecordStateMatchesTheConfigDef() throws Exception {
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "extract-new-record-state",
        ExtractNewRecordStateConfig.CONFIG_DEF);
  }

  @Test
  void readmeOptionsTableOfConvertDebeziumTypesMatchesTheConfigDef() throws Exception {
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "convert-debezium-types",
        ConvertDebeziumTypesConfig.CONFIG_DEF);
  }

  @Test
  void everyOptionHasDocumentation() {
    for (ConfigDef def : new ConfigDef[] {ExtractNewRecordStateConfig.CONFIG_DEF,
        ConvertDebeziumTypesConfig.CONFIG_DEF}) {
      def.configKeys().values().forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }
  }

  @Test
  void transformsReturnTheirConfigDefs() {
    assertThat(new ExtractNewRecordState<>().config()).isSameAs(ExtractNewRecordStateConfig.CONFIG_DEF);
    assertThat(new ConvertDebeziumTypes<>().config()).isSameAs(ConvertDebeziumTypesConfig.CONFIG_DEF);
  }

  @Test
  @SuppressWarnings("rawtypes")
  void bothTransformsAreRegisteredForServiceLoading() {
    assertThat(ServiceLoader.load(Transformation.class).stream().map(p -> p.type().getName()))
        .contains(ExtractNewRecordState.class.getName(), ConvertDebeziumTypes.class.getName());
  }
}
