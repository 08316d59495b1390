package io.streamlake.deploy.iam;

import java.util.regex.Pattern;

/**
 * The MSK cluster ARN and the topic and group ARNs below it that {@code kafka-cluster:*} actions take:
 * {@code arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>} gives {@code ...:topic/<name>/<uuid>/<topic>} and
 * {@code ...:group/<name>/<uuid>/<group>}, and the transactional ids of exactly-once source tasks
 * {@code ...:transactional-id/<name>/<uuid>/<transactional id>}.
 */
public record KafkaArns(String cluster) {

  /** Shown in generated policies when no {@code --cluster-arn} was given. */
  public static final String PLACEHOLDER = "arn:aws:kafka:us-east-1:123456789012:cluster/REPLACE-CLUSTER-NAME"
      + "/REPLACE-CLUSTER-UUID";

  private static final Pattern CLUSTER = Pattern.compile("arn:aws[\\w-]*:kafka:[\\w-]+:\\d{12}:cluster/[^/]+/[^/]+");

  public KafkaArns {
    if (!CLUSTER.matcher(cluster).matches()) {
      throw new IllegalArgumentException("--cluster-arn must look like arn:aws:kafka:<region>:<account>:cluster/"
          + "<name>/<uuid>, got " + cluster);
    }
  }

  public String topic(String name) {
    return cluster.replaceFirst(":cluster/", ":topic/") + "/" + name;
  }

  public String group(String name) {
    return cluster.replaceFirst(":cluster/", ":group/") + "/" + name;
  }

  public String transactionalId(String id) {
    return cluster.replaceFirst(":cluster/", ":transactional-id/") + "/" + id;
  }
}
