package io.streamlake.connect.s3.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** Offers an enum's wire names as recommended values (shown by the Connect REST validate endpoint). */
final class ChoiceRecommender<E extends Enum<E> & Choice> implements ConfigDef.Recommender {

  private final Class<E> type;

  ChoiceRecommender(Class<E> type) {
    this.type = type;
  }

  @Override
  public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
    return Choices.wireNames(type);
  }

  @Override
  public boolean visible(String name, Map<String, Object> parsedConfig) {
    return true;
  }
}
