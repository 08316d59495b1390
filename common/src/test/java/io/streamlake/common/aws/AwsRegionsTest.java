package io.streamlake.common.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AwsRegionsTest {

  private final String before = System.getProperty("aws.region");

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty("aws.region");
    } else {
      System.setProperty("aws.region", before);
    }
  }

  @Test
  void theConfiguredRegionWinsOverTheDefaultChain() {
    System.setProperty("aws.region", "eu-west-1");
    assertThat(AwsRegions.configuredOrDefault(Optional.of("ap-southeast-2"))).contains(Region.AP_SOUTHEAST_2);
  }

  @Test
  void withoutOneTheDefaultChainDecides() {
    System.setProperty("aws.region", "eu-west-1");
    assertThat(AwsRegions.configuredOrDefault(Optional.empty())).contains(Region.EU_WEST_1);
  }
}
