package io.streamlake.deploy.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.validate.Finding;
import io.streamlake.deploy.validate.MskRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The worker file with the config providers is the kit's worker file plus the providers, and both pass validate. */
class WorkerFilesTest {

  private static Map<String, String> read(String name) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(DeployFiles.deployDir().resolve("worker").resolve(name))) {
      props.load(in);
    }
    Map<String, String> map = new HashMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
    return map;
  }

  @Test
  void theProvidersFileIsTheWorkerFilePlusTheThreeProviders() throws IOException {
    Map<String, String> base = read("msk-connect-worker.properties");
    Map<String, String> providers = read("msk-connect-worker-config-providers.properties");
    Map<String, String> added = new HashMap<>(providers);
    base.forEach((key, value) -> assertThat(added.remove(key)).as(key).isEqualTo(value));
    assertThat(added).containsExactlyInAnyOrderEntriesOf(Map.of(
        "config.providers", "secretsmanager,ssm,s3import",
        "config.providers.secretsmanager.class", ProviderStatements.SECRETS_MANAGER,
        "config.providers.ssm.class", ProviderStatements.SSM,
        "config.providers.s3import.class", ProviderStatements.S3_IMPORT));
  }

  @Test
  void bothFilesPassTheWorkerChecks() throws IOException {
    for (String name : new String[] {"msk-connect-worker.properties", "msk-connect-worker-config-providers.properties"}) {
      Map<String, String> props = read(name);
      assertThat(MskRules.checkWorker(props)).as(name).noneMatch(Finding::isError);
      assertThat(ReferenceChecks.worker(props)).as(name).isEmpty();
    }
  }
}
