package io.streamlake.deploy.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy document made only of Allow statements: actions, resource ARNs (with {@code *} wildcards) and
 * optional {@code StringLike} / {@code StringEquals} conditions. That is the whole subset the generated policies use.
 */
public record PolicyDocument(List<Statement> statements) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One Allow statement; {@code conditions} maps an operator to its key/values, e.g. StringLike s3:prefix. */
  public record Statement(String sid, List<String> actions, List<String> resources,
      Map<String, Map<String, List<String>>> conditions) {

    public Statement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      conditions = Map.copyOf(conditions);
    }

    public static Statement allow(String sid, List<String> actions, List<String> resources) {
      return new Statement(sid, actions, resources, Map.of());
    }

    public Statement when(String operator, String key, List<String> values) {
      return new Statement(sid, actions, resources, Map.of(operator, Map.of(key, List.copyOf(values))));
    }
  }

  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /** Every action any statement allows. */
  public List<String> actions() {
    return statements.stream().flatMap(s -> s.actions().stream()).distinct().toList();
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("Version", "2012-10-17");
    ArrayNode list = root.putArray("Statement");
    for (Statement statement : statements) {
      ObjectNode node = list.addObject();
      node.put("Sid", statement.sid());
      node.put("Effect", "Allow");
      statement.actions().forEach(node.withArray("Action")::add);
      statement.resources().forEach(node.withArray("Resource")::add);
      if (!statement.conditions().isEmpty()) {
        ObjectNode condition = node.putObject("Condition");
        statement.conditions().forEach((operator, keys) -> {
          ObjectNode op = condition.putObject(operator);
          keys.forEach((key, values) -> values.forEach(op.withArray(key)::add));
        });
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
