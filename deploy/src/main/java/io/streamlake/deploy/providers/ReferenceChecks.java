package io.streamlake.deploy.providers;

import io.streamlake.deploy.validate.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code validate} can tell about config provider references without resolving them: a reference's form (the
 * bundle's providers fail at run time on an SSM reference with a path part or an S3 import without a bucket), a
 * provider that is not the bundle's, and a worker configuration's provider declarations. Messages name references,
 * never values (there are none offline).
 */
public final class ReferenceChecks {

  private ReferenceChecks() {}

  /** Findings for the references of a connector configuration. */
  public static List<Finding> connector(Map<String, String> config) {
    List<Finding> findings = new ArrayList<>();
    for (ProviderReference reference : ProviderReference.find(config)) {
      String type = ProviderStatements.DEFAULT_NAMES.get(reference.provider());
      if (type == null) {
        findings.add(Finding.warning(reference.option(), reference + ": '" + reference.provider() + "' is not one of"
            + " this plugin's config providers (" + String.join(", ", ProviderStatements.DEFAULT_NAMES.keySet().stream()
            .sorted().toList()) + "); the worker configuration must declare it"));
      } else if (type.equals(ProviderStatements.SECRETS_MANAGER) && ("arn".equals(reference.path())
          || reference.path() == null && reference.key().startsWith("arn:"))) {
        findings.add(Finding.error(reference.option(), reference + ": Connect splits a reference at ':', so a secret"
            + " ARN must be URL-encoded (arn%3Aaws%3Asecretsmanager%3A<region>%3A<account>%3Asecret%3A<name>)"));
      } else if (type.equals(ProviderStatements.SSM) && !reference.pathOrEmpty().isEmpty()) {
        findings.add(Finding.error(reference.option(), reference + ": an SSM reference has no path part; write ${ssm::"
            + reference.key() + "}"));
      } else if (type.equals(ProviderStatements.S3_IMPORT) && !reference.key().matches("[^/]+/.+")) {
        findings.add(Finding.error(reference.option(), reference + ": the key of an S3 import must be"
            + " <bucket>/<object key>"));
      }
    }
    return findings;
  }

  /** Findings for a worker configuration's {@code config.providers} declarations. */
  public static List<Finding> worker(Map<String, String> props) {
    List<Finding> findings = new ArrayList<>();
    String declared = props.getOrDefault("config.providers", "").trim();
    if (declared.isEmpty()) {
      return findings;
    }
    for (String name : Arrays.stream(declared.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()) {
      String key = "config.providers." + name + ".class";
      if (props.getOrDefault(key, "").isBlank()) {
        findings.add(Finding.error(key, "config.providers declares '" + name + "' but no class: the worker does not"
            + " start"));
      }
    }
    return findings;
  }
}
