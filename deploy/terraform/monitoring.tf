# Lag alarms and a dashboard, on the metrics the consumer-lag emitter publishes (lag-metrics: CloudWatchPublisher,
# MetricAggregator, MetricNames): namespace var.lag_namespace, TotalLag (records) and EstimatedMaxTimeLag
# (milliseconds) per ConsumerGroup + Topic. MSK Connect's own metrics are in AWS/KafkaConnect per ConnectorName.

locals {
  sink_group   = "connect-${local.sink_name}"
  alarm_topics = var.enable_lag_emitter ? toset(local.sink_topics) : toset([])
}

# TotalLag above N seconds' worth of the topic's records (N = lag_alarm_seconds_of_records, 10 by default).
# Missing data is breaching: no datapoint means the emitter stopped, which must not read as "no lag".
resource "aws_cloudwatch_metric_alarm" "total_lag" {
  for_each            = local.alarm_topics
  alarm_name          = "streamlake-${local.sink_group}-${each.value}-TotalLag"
  alarm_description   = "TotalLag of ${local.sink_group} on ${each.value} above ${var.lag_alarm_seconds_of_records} x its records/s, or no lag data (the emitter stopped)."
  namespace           = var.lag_namespace
  metric_name         = "TotalLag"
  dimensions          = { ConsumerGroup = local.sink_group, Topic = each.value }
  statistic           = "Maximum"
  period              = var.lag_alarm_period_seconds
  evaluation_periods  = var.lag_alarm_evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.lag_alarm_seconds_of_records * lookup(var.sink_topic_records_per_second, each.value, var.default_topic_records_per_second)
  treat_missing_data  = "breaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

# EstimatedMaxTimeLag above 5 minutes. The emitter publishes it in milliseconds (MSK's own metric of that name is
# in seconds), hence 300000.
resource "aws_cloudwatch_metric_alarm" "time_lag" {
  for_each            = local.alarm_topics
  alarm_name          = "streamlake-${local.sink_group}-${each.value}-EstimatedMaxTimeLag"
  alarm_description   = "EstimatedMaxTimeLag of ${local.sink_group} on ${each.value} above ${var.time_lag_alarm_minutes} min, or no lag data (the emitter stopped)."
  namespace           = var.lag_namespace
  metric_name         = "EstimatedMaxTimeLag"
  dimensions          = { ConsumerGroup = local.sink_group, Topic = each.value }
  statistic           = "Maximum"
  period              = var.lag_alarm_period_seconds
  evaluation_periods  = var.lag_alarm_evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.time_lag_alarm_minutes * 60 * 1000
  treat_missing_data  = "breaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

resource "aws_cloudwatch_dashboard" "streamlake" {
  dashboard_name = "streamlake-${local.sink_name}"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title   = "TotalLag per consumer group / topic (records)"
          region  = var.region
          stat    = "Maximum"
          period  = 60
          metrics = [[{ expression = "SEARCH('{${var.lag_namespace},ConsumerGroup,Topic} MetricName=\"TotalLag\"', 'Maximum', 60)", id = "lag" }]]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title   = "EstimatedMaxTimeLag per consumer group / topic (ms)"
          region  = var.region
          stat    = "Maximum"
          period  = 60
          metrics = [[{ expression = "SEARCH('{${var.lag_namespace},ConsumerGroup,Topic} MetricName=\"EstimatedMaxTimeLag\"', 'Maximum', 60)", id = "timelag" }]]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title   = "${local.sink_name}: workers"
          region  = var.region
          stat    = "Maximum"
          period  = 60
          metrics = [["AWS/KafkaConnect", "WorkerCount", "ConnectorName", local.sink_name]]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title   = "${local.sink_name}: CPU utilisation (%), scale out at ${var.scale_out_cpu_percent}, in at ${var.scale_in_cpu_percent}"
          region  = var.region
          stat    = "Average"
          period  = 60
          metrics = [["AWS/KafkaConnect", "CpuUtilization", "ConnectorName", local.sink_name]]
        }
      }
    ]
  })
}
