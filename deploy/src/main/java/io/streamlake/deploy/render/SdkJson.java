package io.streamlake.deploy.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes an AWS SDK request model as the JSON the AWS CLI takes with {@code --cli-input-json}: every member under
 * its wire name, unset members left out. The SDK model describes its own members ({@link SdkPojo#sdkFields()}),
 * so the output follows the service's shape without a hand-kept mapping.
 */
public final class SdkJson {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SdkJson() {}

  public static String write(SdkPojo pojo) {
    try {
      return JSON.writeValueAsString(toJson(pojo));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + pojo.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static JsonNode toJson(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value instanceof SdkPojo pojo) {
      ObjectNode object = nodes.objectNode();
      for (SdkField<?> field : pojo.sdkFields()) {
        Object member = field.getValueOrDefault(pojo);
        if (member == null || member instanceof SdkAutoConstructList || member instanceof SdkAutoConstructMap) {
          continue;
        }
        object.set(field.locationName(), toJson(member));
      }
      return object;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = nodes.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof Collection<?> list) {
      ArrayNode array = nodes.arrayNode();
      list.forEach(v -> array.add(toJson(v)));
      return array;
    }
    if (value instanceof Integer i) {
      return nodes.numberNode(i);
    }
    if (value instanceof Long l) {
      return nodes.numberNode(l);
    }
    if (value instanceof Boolean b) {
      return nodes.booleanNode(b);
    }
    return nodes.textNode(String.valueOf(value));
  }
}
