package io.streamlake.common.aws;

import java.util.Optional;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * An STS assume-role: the role, the session name and the optional external id.
 *
 * @param externalId kept out of {@link #toString()}: it is a shared secret between accounts
 */
public record AssumeRole(String roleArn, String sessionName, Optional<String> externalId) {

  /** The request the credentials provider sends (and refreshes) to STS. */
  public AssumeRoleRequest request() {
    AssumeRoleRequest.Builder builder = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(sessionName);
    externalId.ifPresent(builder::externalId);
    return builder.build();
  }

  @Override
  public String toString() {
    return "AssumeRole[roleArn=" + roleArn + ", sessionName=" + sessionName
        + ", externalId=" + (externalId.isPresent() ? "[hidden]" : "none") + "]";
  }
}
