package io.streamlake.connect.lag.cloudwatch;

/** CloudWatch metric and dimension names: those of the lag_monitor.py script and of MSK's own lag metrics. */
public final class MetricNames {

  /** Sum of offset lags per ConsumerGroup+Topic, exactly as the lag_monitor.py script publishes it. */
  public static final String TOTAL_LAG = "TotalLag";
  public static final String SUM_OFFSET_LAG = "SumOffsetLag";
  public static final String MAX_OFFSET_LAG = "MaxOffsetLag";
  /** Milliseconds (MSK's own metric of that name is in seconds; the unit travels with every datum). */
  public static final String ESTIMATED_MAX_TIME_LAG = "EstimatedMaxTimeLag";
  public static final String OFFSET_LAG = "OffsetLag";
  public static final String ESTIMATED_TIME_LAG = "EstimatedTimeLag";

  public static final String DIM_GROUP = "ConsumerGroup";
  public static final String DIM_TOPIC = "Topic";
  public static final String DIM_PARTITION = "Partition";

  private MetricNames() {}
}
