package io.streamlake.common.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Resolved AWS credential settings (from {@link AwsCredentialsConfig}): where the base credentials come
 * from, and the role to assume on top of them, if any. Building the provider makes no AWS call.
 *
 * @param accessKeyId empty unless static keys are configured
 * @param secretAccessKey the secret key, never shown by {@link #toString()}
 */
public record CredentialSettings(CredentialsProviderKind kind, String accessKeyId, Password secretAccessKey,
    Optional<AssumeRole> assumeRole) {

  /** Whether static keys are configured. */
  public boolean hasStaticKeys() {
    return !accessKeyId.isBlank();
  }

  /**
   * The provider to give an SDK client. With a role, STS is called (by the returned provider, lazily, and
   * again before the session expires) in {@code region} with the base credentials.
   *
   * @return a provider that is also {@link AutoCloseable}: close it with the client
   */
  public Provider provider(Region region) {
    List<AutoCloseable> closeables = new ArrayList<>();
    AwsCredentialsProvider base = base();
    if (base instanceof AutoCloseable closeable) {
      closeables.add(closeable);
    }
    if (assumeRole.isEmpty()) {
      return new Provider(base, closeables);
    }
    StsClient sts = StsClient.builder().region(region).credentialsProvider(base).build();
    StsAssumeRoleCredentialsProvider role = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(assumeRole.get().request())
        .build();
    closeables.add(0, sts);
    closeables.add(0, role);
    return new Provider(role, closeables);
  }

  private AwsCredentialsProvider base() {
    return switch (kind) {
      case STATIC -> staticKeys();
      case DEFAULT, ASSUME_ROLE -> hasStaticKeys() ? staticKeys() : DefaultCredentialsProvider.builder().build();
      case ENVIRONMENT -> EnvironmentVariableCredentialsProvider.create();
      case INSTANCE_PROFILE -> InstanceProfileCredentialsProvider.builder().build();
      case CONTAINER -> ContainerCredentialsProvider.builder().build();
    };
  }

  private AwsCredentialsProvider staticKeys() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey.value()));
  }

  @Override
  public String toString() {
    return "CredentialSettings[kind=" + kind.wireName() + ", staticKeys=" + hasStaticKeys() + ", assumeRole="
        + assumeRole.map(AssumeRole::toString).orElse("none") + "]";
  }

  /** A credentials provider and what to close with it (the STS client of an assume-role). */
  public static final class Provider implements AwsCredentialsProvider, AutoCloseable {
    private final AwsCredentialsProvider delegate;
    private final List<AutoCloseable> closeables;

    Provider(AwsCredentialsProvider delegate, List<AutoCloseable> closeables) {
      this.delegate = delegate;
      this.closeables = List.copyOf(closeables);
    }

    /** The SDK provider that answers, e.g. a {@link StsAssumeRoleCredentialsProvider}. */
    public AwsCredentialsProvider delegate() {
      return delegate;
    }

    @Override
    public AwsCredentials resolveCredentials() {
      return delegate.resolveCredentials();
    }

    @Override
    public void close() {
      for (AutoCloseable closeable : closeables) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // closing a credentials provider cannot lose data
        }
      }
    }

    @Override
    public String toString() {
      return "Provider[" + delegate.getClass().getSimpleName() + "]";
    }
  }
}
