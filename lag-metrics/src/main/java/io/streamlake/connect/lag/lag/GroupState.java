package io.streamlake.connect.lag.lag;

import org.apache.kafka.common.ConsumerGroupState;

/** A consumer group's state as reported in records and logs. */
public enum GroupState {
  STABLE("Stable"),
  EMPTY("Empty"),
  REBALANCING("Rebalancing"),
  DEAD("Dead"),
  UNKNOWN("Unknown");

  private final String label;

  GroupState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Rebalance phases (preparing, completing; assigning, reconciling in newer brokers) are Rebalancing. */
  public static GroupState of(ConsumerGroupState state) {
    if (state == null) {
      return UNKNOWN;
    }
    switch (state.name()) {
      case "STABLE":
        return STABLE;
      case "EMPTY":
        return EMPTY;
      case "PREPARING_REBALANCE":
      case "COMPLETING_REBALANCE":
      case "ASSIGNING":
      case "RECONCILING":
        return REBALANCING;
      case "DEAD":
        return DEAD;
      default:
        return UNKNOWN;
    }
  }
}
