package io.streamlake.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.configdocs.ConfigDocs;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  @Test
  void readmeOptionsTablesMatchTheConfigDefs() throws Exception {
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "secretsmanager", SecretsManagerConfigProvider.CONFIG_DEF);
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "ssm", SsmParamStoreConfigProvider.CONFIG_DEF);
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "s3import", S3ImportConfigProvider.CONFIG_DEF);
  }

  @Test
  void everyOptionHasDocumentation() {
    for (ConfigDef def : new ConfigDef[] {SecretsManagerConfigProvider.CONFIG_DEF,
        SsmParamStoreConfigProvider.CONFIG_DEF, S3ImportConfigProvider.CONFIG_DEF}) {
      def.configKeys().values().forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }
  }
}
