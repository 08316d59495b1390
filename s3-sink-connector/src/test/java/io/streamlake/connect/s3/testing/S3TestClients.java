package io.streamlake.connect.s3.testing;

import io.streamlake.kit.S3Endpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An AWS SDK S3 client of the kit's S3 endpoint, for tests that drive the SDK (or our store) themselves. */
public final class S3TestClients {

  private S3TestClients() {}

  /** Path-style, us-east-1, the endpoint's placeholder keys; closed by the caller. */
  public static S3Client of(S3Endpoint s3) {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Endpoint.ACCESS_KEY,
            S3Endpoint.SECRET_KEY)))
        .build();
  }
}
