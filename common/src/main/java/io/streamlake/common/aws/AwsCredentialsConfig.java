package io.streamlake.common.aws;

import io.streamlake.common.config.Choices;
import io.streamlake.common.config.ConfigProblem;
import io.streamlake.common.config.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The AWS credentials options every AWS-calling component shares (static keys, a provider, STS
 * assume-role), as a fragment that a component's ConfigDef includes, and their resolution into
 * {@link CredentialSettings}.
 *
 * <p>With an alias prefix (the S3 sink uses Confluent's {@code s3.credentials.provider.}), the keys
 * {@code <prefix>class}, {@code <prefix>sts.role.arn}, {@code <prefix>sts.role.session.name} and
 * {@code <prefix>sts.role.external.id} are defined too and mean the same as the native keys; setting both
 * spellings of one option to different values is a problem naming both keys.
 */
public final class AwsCredentialsConfig {

  public static final String ACCESS_KEY_CONFIG = "aws.access.key.id";
  private static final String ACCESS_KEY_DOC = "Static access key id. Leave empty on MSK Connect: the default"
      + " credential chain then uses the connector's service execution role.";

  public static final String SECRET_KEY_CONFIG = "aws.secret.access.key";
  private static final String SECRET_KEY_DOC = "Static secret key, only with aws.access.key.id.";

  public static final String PROVIDER_CONFIG = "aws.credentials.provider";
  private static final String PROVIDER_DOC = "Where the base credentials come from. Empty means static if"
      + " aws.access.key.id is set, else the SDK's default chain (the service execution role on MSK Connect)."
      + " AWS SDK v1/v2 provider class names are accepted. assume-role needs sts.role.arn.";

  public static final String ROLE_ARN_CONFIG = "sts.role.arn";
  private static final String ROLE_ARN_DOC = "Role to assume with STS, signed with the base credentials"
      + " (cross-account access). Empty means no assume-role.";

  public static final String SESSION_NAME_CONFIG = "sts.role.session.name";
  private static final String SESSION_NAME_DOC = "Session name for sts.role.arn.";

  public static final String EXTERNAL_ID_CONFIG = "sts.role.external.id";
  private static final String EXTERNAL_ID_DOC = "External id for sts.role.arn, when the role requires one.";

  /** Suffixes of the alias keys, after the alias prefix. */
  public static final String ALIAS_PROVIDER_SUFFIX = "class";
  public static final String ALIAS_ROLE_ARN_SUFFIX = "sts.role.arn";
  public static final String ALIAS_SESSION_NAME_SUFFIX = "sts.role.session.name";
  public static final String ALIAS_EXTERNAL_ID_SUFFIX = "sts.role.external.id";

  private final String sessionNameDefault;
  private final Optional<String> aliasPrefix;

  private AwsCredentialsConfig(String sessionNameDefault, Optional<String> aliasPrefix) {
    this.sessionNameDefault = sessionNameDefault;
    this.aliasPrefix = aliasPrefix;
  }

  /** The native keys only. */
  public static AwsCredentialsConfig of(String sessionNameDefault) {
    return new AwsCredentialsConfig(sessionNameDefault, Optional.empty());
  }

  /** The native keys plus {@code prefix + class}, {@code prefix + sts.role.arn}, ... as aliases. */
  public static AwsCredentialsConfig withAliases(String sessionNameDefault, String prefix) {
    return new AwsCredentialsConfig(sessionNameDefault, Optional.of(prefix));
  }

  /** The alias key for {@code suffix}, if this fragment has aliases. */
  public Optional<String> alias(String suffix) {
    return aliasPrefix.map(prefix -> prefix + suffix);
  }

  /**
   * Defines the keys in {@code def}, in {@code group} after position {@code order}.
   *
   * @return the last position used
   */
  public int define(ConfigDef def, String group, int order) {
    def.define(ACCESS_KEY_CONFIG, Type.STRING, "", Importance.LOW, ACCESS_KEY_DOC, group, ++order,
        Width.MEDIUM, "Access key id");
    def.define(SECRET_KEY_CONFIG, Type.PASSWORD, "", Importance.LOW, SECRET_KEY_DOC, group, ++order,
        Width.MEDIUM, "Secret access key");
    def.define(PROVIDER_CONFIG, Type.STRING, "", Choices.validatorAllowingBlank(CredentialsProviderKind.class),
        Importance.LOW, PROVIDER_DOC, group, ++order, Width.LONG, "Credentials provider", List.of(),
        Choices.recommender(CredentialsProviderKind.class));
    def.define(ROLE_ARN_CONFIG, Type.STRING, "", Importance.LOW, ROLE_ARN_DOC, group, ++order, Width.LONG,
        "Assume-role ARN");
    def.define(SESSION_NAME_CONFIG, Type.STRING, sessionNameDefault, Importance.LOW, SESSION_NAME_DOC, group,
        ++order, Width.MEDIUM, "Assume-role session name");
    def.define(EXTERNAL_ID_CONFIG, Type.PASSWORD, "", Importance.LOW, EXTERNAL_ID_DOC, group, ++order,
        Width.MEDIUM, "Assume-role external id");
    if (aliasPrefix.isPresent()) {
      String prefix = aliasPrefix.get();
      def.define(prefix + ALIAS_PROVIDER_SUFFIX, Type.STRING, "",
          Choices.validatorAllowingBlank(CredentialsProviderKind.class), Importance.LOW,
          aliasDoc(PROVIDER_CONFIG), group, ++order, Width.LONG, "Credentials provider (alias)", List.of(),
          Choices.recommender(CredentialsProviderKind.class));
      def.define(prefix + ALIAS_ROLE_ARN_SUFFIX, Type.STRING, "", Importance.LOW, aliasDoc(ROLE_ARN_CONFIG),
          group, ++order, Width.LONG, "Assume-role ARN (alias)");
      def.define(prefix + ALIAS_SESSION_NAME_SUFFIX, Type.STRING, "", Importance.LOW,
          aliasDoc(SESSION_NAME_CONFIG), group, ++order, Width.MEDIUM, "Assume-role session name (alias)");
      def.define(prefix + ALIAS_EXTERNAL_ID_SUFFIX, Type.PASSWORD, "", Importance.LOW,
          aliasDoc(EXTERNAL_ID_CONFIG), group, ++order, Width.MEDIUM, "Assume-role external id (alias)");
    }
    return order;
  }

  private static String aliasDoc(String nativeKey) {
    return "Same as " + nativeKey + " (the key Confluent's S3 sink uses); set one of the two.";
  }

  /**
   * Resolves the options of {@code config}, adding every rule it breaks to {@code problems}.
   *
   * @return the settings; meaningful only when no problem was added
   */
  public CredentialSettings resolve(AbstractConfig config, ConfigProblems problems) {
    String accessKey = config.getString(ACCESS_KEY_CONFIG).trim();
    Password secretKey = config.getPassword(SECRET_KEY_CONFIG);
    if (accessKey.isEmpty() != secretKey.value().isEmpty()) {
      problems.add(ACCESS_KEY_CONFIG + " and " + SECRET_KEY_CONFIG + " must be set together or both left empty",
          ACCESS_KEY_CONFIG, SECRET_KEY_CONFIG);
    }

    Optional<String> providerText = pick(config, PROVIDER_CONFIG, ALIAS_PROVIDER_SUFFIX, problems, false);
    List<String> providerKeys = keys(PROVIDER_CONFIG, ALIAS_PROVIDER_SUFFIX);
    CredentialsProviderKind kind = providerText
        .map(text -> Choices.parse(CredentialsProviderKind.class, providerKeys.get(0), text))
        .orElse(accessKey.isEmpty() ? CredentialsProviderKind.DEFAULT : CredentialsProviderKind.STATIC);
    if (kind == CredentialsProviderKind.STATIC && accessKey.isEmpty()) {
      problems.add(providerKeys.get(0) + "=static needs " + ACCESS_KEY_CONFIG + " and " + SECRET_KEY_CONFIG,
          providerKeys.get(0), ACCESS_KEY_CONFIG, SECRET_KEY_CONFIG);
    }
    if (!accessKey.isEmpty() && (kind == CredentialsProviderKind.ENVIRONMENT
        || kind == CredentialsProviderKind.INSTANCE_PROFILE || kind == CredentialsProviderKind.CONTAINER)) {
      problems.add(ACCESS_KEY_CONFIG + " is set but " + providerKeys.get(0) + " is " + kind.wireName()
          + ", which would not use it: clear one of them", providerKeys.get(0), ACCESS_KEY_CONFIG);
    }

    Optional<String> roleArn = pick(config, ROLE_ARN_CONFIG, ALIAS_ROLE_ARN_SUFFIX, problems, false);
    Optional<String> session = pick(config, SESSION_NAME_CONFIG, ALIAS_SESSION_NAME_SUFFIX, problems, false);
    Optional<String> externalId = pick(config, EXTERNAL_ID_CONFIG, ALIAS_EXTERNAL_ID_SUFFIX, problems, true);
    List<String> roleKeys = keys(ROLE_ARN_CONFIG, ALIAS_ROLE_ARN_SUFFIX);
    if (kind == CredentialsProviderKind.ASSUME_ROLE && roleArn.isEmpty()) {
      List<String> involved = new ArrayList<>(providerKeys);
      involved.addAll(roleKeys);
      problems.add(new ConfigProblem(involved,
          providerKeys.get(0) + "=assume-role needs a role: set " + String.join(" or ", roleKeys)));
    }
    if (roleArn.isEmpty() && externalId.isPresent()) {
      List<String> involved = new ArrayList<>(keys(EXTERNAL_ID_CONFIG, ALIAS_EXTERNAL_ID_SUFFIX));
      involved.addAll(roleKeys);
      problems.add(new ConfigProblem(involved,
          "an external id is only used with a role to assume: set " + String.join(" or ", roleKeys)));
    }
    Optional<AssumeRole> assumeRole = roleArn.map(arn -> new AssumeRole(arn,
        session.orElse(config.getString(SESSION_NAME_CONFIG)), externalId));
    return new CredentialSettings(kind, accessKey, secretKey, assumeRole);
  }

  /** The native key, then its alias if any. */
  private List<String> keys(String nativeKey, String aliasSuffix) {
    List<String> keys = new ArrayList<>();
    keys.add(nativeKey);
    alias(aliasSuffix).ifPresent(keys::add);
    return List.copyOf(keys);
  }

  /**
   * The value of an option that the user set under its native key or its alias (blank counts as unset; a
   * native key left at its default counts as unset); a problem naming both when they disagree.
   */
  private Optional<String> pick(AbstractConfig config, String nativeKey, String aliasSuffix,
      ConfigProblems problems, boolean secret) {
    Optional<String> nativeValue = userValue(config, nativeKey, secret);
    Optional<String> aliasKey = alias(aliasSuffix);
    Optional<String> aliasValue = aliasKey.flatMap(key -> userValue(config, key, secret));
    if (nativeValue.isPresent() && aliasValue.isPresent() && !nativeValue.equals(aliasValue)) {
      problems.add(nativeKey + " and " + aliasKey.get() + " are two spellings of one option and are set to"
          + " different values: set only one", nativeKey, aliasKey.get());
    }
    return nativeValue.or(() -> aliasValue);
  }

  private static Optional<String> userValue(AbstractConfig config, String key, boolean secret) {
    if (!config.originals().containsKey(key)) {
      return Optional.empty();
    }
    String value = secret ? config.getPassword(key).value() : config.getString(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
