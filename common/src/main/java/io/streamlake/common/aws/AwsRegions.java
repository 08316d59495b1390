package io.streamlake.common.aws;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The region a component's AWS client uses: the configured one, else the SDK's default region chain. */
public final class AwsRegions {

  private AwsRegions() {}

  /**
   * {@code configured} as a {@link Region} when present, else what the SDK's default region chain finds (system
   * property {@code aws.region}, {@code AWS_REGION}, the profile file, the instance metadata service); empty when
   * the chain finds none, so the caller can throw the {@code ConfigException} that names its own option.
   */
  public static Optional<Region> configuredOrDefault(Optional<String> configured) {
    if (configured.isPresent()) {
      return Optional.of(Region.of(configured.get()));
    }
    try {
      return Optional.of(new DefaultAwsRegionProviderChain().getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }
}
