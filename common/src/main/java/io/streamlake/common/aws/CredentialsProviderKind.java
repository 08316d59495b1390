package io.streamlake.common.aws;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * Where AWS credentials come from. The class names of the AWS SDK v1 and v2 providers, and Confluent's
 * assume-role provider, are accepted as aliases so that existing connector configs keep their meaning.
 */
public enum CredentialsProviderKind implements Choice {
  /** The SDK's default chain; on MSK Connect, the connector's service execution role. */
  DEFAULT("default", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain",
      "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider"),
  /** The static access key id and secret key options. */
  STATIC("static", "com.amazonaws.auth.AWSStaticCredentialsProvider",
      "software.amazon.awssdk.auth.credentials.StaticCredentialsProvider"),
  /** STS assume-role (role ARN required), signed with the static keys if set, else the default chain. */
  ASSUME_ROLE("assume-role", "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider",
      "com.amazonaws.auth.STSAssumeRoleSessionCredentialsProvider",
      "software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider"),
  /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN of the worker's environment. */
  ENVIRONMENT("environment", "com.amazonaws.auth.EnvironmentVariableCredentialsProvider",
      "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider"),
  /** The EC2 instance profile. */
  INSTANCE_PROFILE("instance-profile", "com.amazonaws.auth.InstanceProfileCredentialsProvider",
      "software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider"),
  /** The ECS/EKS container credentials endpoint. */
  CONTAINER("container", "com.amazonaws.auth.ContainerCredentialsProvider",
      "software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider");

  private final Spelling spelling;

  CredentialsProviderKind(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
