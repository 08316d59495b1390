package io.streamlake.deploy.providers;

import io.streamlake.deploy.iam.PolicyDocument.Statement;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IAM statements a connector's config provider references need, on exactly the referenced resources: Secrets
 * Manager {@code GetSecretValue} on each secret (a name gets Secrets Manager's six-character suffix wildcard), SSM
 * {@code GetParameter}/{@code GetParameters} on each parameter, S3 {@code GetObject} on each imported object, and
 * {@code kms:Decrypt} on the customer managed keys given, only through those two services. Which provider a name
 * stands for comes from the worker configuration's {@code config.providers.<name>.class} (our classes), else the
 * documented names; its region from {@code config.providers.<name>.param.region}, else the cluster's.
 */
public final class ProviderStatements {

  static final String SECRETS_MANAGER = "io.streamlake.connect.config.SecretsManagerConfigProvider";
  static final String SSM = "io.streamlake.connect.config.SsmParamStoreConfigProvider";
  static final String S3_IMPORT = "io.streamlake.connect.config.S3ImportConfigProvider";
  /** The documented provider names, when no worker configuration says otherwise. */
  static final Map<String, String> DEFAULT_NAMES = Map.of("secretsmanager", SECRETS_MANAGER, "ssm", SSM,
      "s3import", S3_IMPORT);

  private ProviderStatements() {}

  /**
   * @param worker the worker configuration's settings (may be empty)
   * @param region the cluster's region, used where the worker configuration names none
   * @param account the account of the secrets and parameters (the cluster's)
   * @param kmsKeys customer managed keys that encrypt the referenced secrets or SecureString parameters
   */
  public static List<Statement> of(List<ProviderReference> references, Map<String, String> worker, String region,
      String account, List<String> kmsKeys) {
    Set<String> secrets = new LinkedHashSet<>();
    Set<String> parameters = new LinkedHashSet<>();
    Set<String> objects = new LinkedHashSet<>();
    Set<String> viaServices = new LinkedHashSet<>();
    for (ProviderReference reference : references) {
      String type = providerClass(reference.provider(), worker).orElse("");
      String providerRegion = worker.getOrDefault("config.providers." + reference.provider() + ".param.region", "")
          .trim();
      String at = providerRegion.isEmpty() ? region : providerRegion;
      switch (type) {
        case SECRETS_MANAGER -> {
          String id = decode(reference.path() == null || reference.path().isEmpty() ? reference.key()
              : reference.path());
          secrets.add(id.startsWith("arn:") ? id : "arn:aws:secretsmanager:" + at + ":" + account + ":secret:" + id
              + "-??????");
          viaServices.add("secretsmanager." + at + ".amazonaws.com");
        }
        case SSM -> {
          String name = reference.key();
          parameters.add(name.startsWith("arn:") ? name : "arn:aws:ssm:" + at + ":" + account + ":parameter/"
              + name.replaceFirst("^/", ""));
          viaServices.add("ssm." + at + ".amazonaws.com");
        }
        case S3_IMPORT -> objects.add("arn:aws:s3:::" + reference.key());
        default -> {
          // another plugin's provider (or FileConfigProvider): its permissions are not ours to know
        }
      }
    }
    List<Statement> statements = new ArrayList<>();
    if (!secrets.isEmpty()) {
      statements.add(Statement.allow("ConfigProviderSecrets", List.of("secretsmanager:GetSecretValue"),
          List.copyOf(secrets)));
    }
    if (!parameters.isEmpty()) {
      statements.add(Statement.allow("ConfigProviderParameters", List.of("ssm:GetParameter", "ssm:GetParameters"),
          List.copyOf(parameters)));
    }
    if (!objects.isEmpty()) {
      statements.add(Statement.allow("ConfigProviderS3Imports", List.of("s3:GetObject"), List.copyOf(objects)));
    }
    if (!kmsKeys.isEmpty() && !viaServices.isEmpty()) {
      statements.add(Statement.allow("ConfigProviderDecrypt", List.of("kms:Decrypt"), kmsKeys)
          .when("StringEquals", "kms:ViaService", List.copyOf(viaServices)));
    }
    return statements;
  }

  /** Our provider class behind {@code name}: the worker configuration's, else the documented name's. */
  static Optional<String> providerClass(String name, Map<String, String> worker) {
    String declared = worker.get("config.providers." + name + ".class");
    if (declared != null) {
      return Optional.of(declared.trim());
    }
    return Optional.ofNullable(DEFAULT_NAMES.get(name));
  }

  /**
   * {@code %XX} escapes decoded (a URL-encoded ARN), everything else kept, as the provider decodes (with
   * {@code io.streamlake.common.config.PercentEscapes}). A copy, because the CLI never has the plugin's jars,
   * streamlake-common included, on its classpath: they are loaded from the ZIP only (see pom.xml).
   */
  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream escaped = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
          && Character.digit(text.charAt(i + 2), 16) >= 0) {
        escaped.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 3;
        continue;
      }
      out.append(escaped.toString(StandardCharsets.UTF_8));
      escaped.reset();
      out.append(text.charAt(i++));
    }
    return out.append(escaped.toString(StandardCharsets.UTF_8)).toString();
  }
}
