variable "region" {
  description = "AWS region of the MSK cluster, the buckets and MSK Connect."
  type        = string
  default     = "us-east-1"
}

variable "plugin_zip_path" {
  description = "Local path of the built plugin ZIP (packaging/target/streamlake-plugin-<version>.zip)."
  type        = string
  default     = "../../packaging/target/streamlake-plugin-0.1.0-SNAPSHOT.zip"
}

variable "plugin_bucket" {
  description = "Existing bucket that holds custom plugin ZIPs."
  type        = string
}

variable "sink_bucket" {
  description = "Existing bucket the S3 sink writes to (the data lake)."
  type        = string
}

variable "topics_dir" {
  description = "The sink's topics.dir: prefix of data files and of the _epochs/ markers."
  type        = string
  default     = "topics"
}

variable "manage_sink_bucket_lifecycle" {
  description = "Manage the sink bucket's lifecycle rules here. Terraform then owns the bucket's WHOLE lifecycle configuration: set false and add the two rules to your own if the bucket has other rules."
  type        = bool
  default     = true
}

variable "epoch_marker_expiration_days" {
  description = "Days after which epoch markers (<topics.dir>/_epochs/) expire. Must exceed the longest time a connector may be stopped and then resumed from its committed offsets."
  type        = number
  default     = 7
}

variable "cluster_arn" {
  description = "ARN of the MSK cluster (for the kafka-cluster:* IAM policies)."
  type        = string
}

variable "bootstrap_servers" {
  description = "IAM bootstrap brokers of the MSK cluster (port 9098)."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the MSK cluster, where MSK Connect places the workers."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups for the workers; they must reach the brokers on 9098 and S3/CloudWatch (VPC endpoints or NAT)."
  type        = list(string)
}

variable "mcu_count" {
  description = "MCUs per worker (1, 2, 4 or 8); 1 MCU = 1 vCPU + 4 GiB."
  type        = number
  default     = 1
}

variable "min_workers" {
  description = "Autoscaling: fewest workers."
  type        = number
  default     = 1
}

variable "max_workers" {
  description = "Autoscaling: most workers. tasks.max becomes workers x MCU x 2, so at most max_workers x mcu_count x 2 tasks; more than the topics' partition count is wasted."
  type        = number
  default     = 3
}

variable "scale_in_cpu_percent" {
  description = "Autoscaling: remove a worker below this CPU utilisation."
  type        = number
  default     = 20
}

variable "scale_out_cpu_percent" {
  description = "Autoscaling: add a worker above this CPU utilisation."
  type        = number
  default     = 80
}

variable "enable_lag_emitter" {
  description = "Also run the consumer-lag emitter (one worker, 1 MCU) publishing to CloudWatch."
  type        = bool
  default     = true
}

variable "lag_namespace" {
  description = "CloudWatch namespace of the lag metrics (and of the PutMetricData policy condition)."
  type        = string
  default     = "MSK/ConsumerLag"
}

variable "log_retention_days" {
  description = "Retention of the connectors' worker logs in CloudWatch Logs."
  type        = number
  default     = 14
}

variable "lag_time_lag_mode" {
  description = "time.lag.mode of the lag emitter (interpolation, record-timestamp, none); empty keeps the connector file's. record-timestamp adds kafka-cluster:ReadData on every topic to its role."
  type        = string
  default     = ""
}

variable "sink_kms_key_arn" {
  description = "ARN of the KMS key of the sink bucket's SSE-KMS encryption (s3.sse.kms.key.id); empty for none."
  type        = string
  default     = ""
}

variable "sink_topic_records_per_second" {
  description = "Typical records/s of each sink topic (topic => rate). The TotalLag alarm fires above lag_alarm_seconds_of_records x this rate."
  type        = map(number)
  default     = {}
}

variable "default_topic_records_per_second" {
  description = "Records/s assumed for a sink topic missing from sink_topic_records_per_second."
  type        = number
  default     = 100
}

variable "lag_alarm_seconds_of_records" {
  description = "TotalLag alarm threshold in seconds' worth of the topic's records (10 = the lag_monitor practice). The sink commits only offsets whose files are in S3, so its steady lag is up to one rotation (rotate.interval.ms / rotate.schedule.interval.ms / flush.size) of records: raise this above the rotation interval in seconds, or the alarm stays on."
  type        = number
  default     = 10
}

variable "time_lag_alarm_minutes" {
  description = "EstimatedMaxTimeLag alarm threshold in minutes."
  type        = number
  default     = 5
}

variable "lag_alarm_period_seconds" {
  description = "Period of the lag alarms; keep it at least the emitter's poll.interval.ms, since missing data is breaching."
  type        = number
  default     = 60
}

variable "lag_alarm_evaluation_periods" {
  description = "Consecutive periods above the threshold (or without data) before a lag alarm fires."
  type        = number
  default     = 5
}

variable "alarm_actions" {
  description = "ARNs (SNS topics) notified when a lag alarm fires or clears."
  type        = list(string)
  default     = []
}

variable "glue_database" {
  description = "Glue database of the sink's tables. Set it to turn on glue.enabled: the connector keeps one table per topic (columns from the schema it writes, Athena partition projection from path.format). Empty: no catalog."
  type        = string
  default     = ""
}

variable "create_glue_database" {
  description = "Create glue_database here (false: it exists already)."
  type        = bool
  default     = true
}

variable "glue_table_from_terraform" {
  description = "Also declare the order-events table here (glue.tf, as `streamlake catalog` prints it), e.g. to have it before the first file lands. The sink still adds columns when the schema grows; Terraform ignores those changes."
  type        = bool
  default     = false
}
