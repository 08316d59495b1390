# streamlake on Amazon MSK Connect: the plugin ZIP as a custom plugin, a worker configuration, the
# order-events -> S3 Parquet sink with autoscaling, optionally the consumer-lag emitter, their service execution
# roles (least privilege), worker logs, and the sink bucket's lifecycle rules.

locals {
  plugin_md5   = filemd5(var.plugin_zip_path)
  kafka_prefix = replace(var.cluster_arn, ":cluster/", ":topic/")
  group_prefix = replace(var.cluster_arn, ":cluster/", ":group/")
  sink_config  = jsondecode(file("${path.module}/../connectors/order-events-s3-parquet.json"))
  lag_config   = jsondecode(file("${path.module}/../connectors/consumer-lag-cloudwatch.json"))
  sink_name    = "order-events-s3-parquet"
  lag_name     = "consumer-lag-cloudwatch"
  sink_topics  = [for t in split(",", local.sink_config["topics"]) : trimspace(t) if trimspace(t) != ""]

  # The policies below are generated from these values, as `streamlake iam` generates them from a connector file
  # (PolicyGenerationTest and TerraformTextTest keep the two in step).
  topics_dir    = trim(var.topics_dir, "/")
  topics_dir_id = local.topics_dir == "" ? "root" : replace(local.topics_dir, "/[^A-Za-z0-9._-]/", "-")
  offsets_topic = regex("(?m)^offset\\.storage\\.topic=(.*)$", file("${path.module}/../worker/msk-connect-worker.properties"))[0]
  sink_dlq      = trimspace(lookup(local.sink_config, "errors.deadletterqueue.topic.name", ""))
  # the Glue Schema Registry converters (Avro, JSON Schema) read each schema version once: glue:GetSchemaVersion,
  # authorised on "*"
  sink_reads_gsr = length(setintersection([trimspace(lookup(local.sink_config, "key.converter", "")),
    trimspace(lookup(local.sink_config, "value.converter", ""))], ["io.streamlake.connect.gsr.GlueSchemaRegistryAvroConverter",
  "io.streamlake.connect.gsr.GlueSchemaRegistryJsonSchemaConverter"])) > 0
  # the sink's S3 calls: PutObject (also CreateMultipartUpload, UploadPart, CompleteMultipartUpload), GetObject (also
  # HeadObject), AbortMultipartUpload, PutObjectTagging (after every multipart upload), GetObjectTagging (after a
  # 412); never DeleteObject
  sink_object_actions = ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:PutObjectTagging",
  "s3:GetObjectTagging"]
  lag_time_lag_mode = var.lag_time_lag_mode != "" ? var.lag_time_lag_mode : lookup(local.lag_config, "time.lag.mode", "interpolation")
  lag_reads_records = replace(lower(local.lag_time_lag_mode), "_", "-") == "record-timestamp"
  lag_metrics_topic = lookup(local.lag_config, "metrics.topic", "consumer-lag-metrics")
}

# --- the plugin -----------------------------------------------------------------------------------------------

resource "aws_s3_object" "plugin" {
  bucket = var.plugin_bucket
  # A custom plugin is immutable: a changed ZIP gets a new key and a new custom plugin.
  key    = "plugins/streamlake-plugin-${substr(local.plugin_md5, 0, 12)}.zip"
  source = var.plugin_zip_path
  etag   = local.plugin_md5
}

resource "aws_mskconnect_custom_plugin" "streamlake" {
  name         = "streamlake-${substr(local.plugin_md5, 0, 12)}"
  description  = "streamlake: S3 sink, CDC transforms, consumer-lag emitter"
  content_type = "ZIP"
  location {
    s3 {
      bucket_arn = "arn:aws:s3:::${var.plugin_bucket}"
      file_key   = aws_s3_object.plugin.key
    }
  }
}

resource "aws_mskconnect_worker_configuration" "streamlake" {
  name                    = "streamlake-worker"
  description             = "converters, offsets topic, client override policy (deploy/worker)"
  properties_file_content = file("${path.module}/../worker/msk-connect-worker.properties")
}

resource "aws_cloudwatch_log_group" "connect" {
  name              = "/msk-connect/streamlake"
  retention_in_days = var.log_retention_days
}

# --- the sink bucket: abort stale multipart uploads, expire epoch markers -------------------------------------

resource "aws_s3_bucket_lifecycle_configuration" "sink" {
  count  = var.manage_sink_bucket_lifecycle ? 1 : 0
  bucket = var.sink_bucket

  rule {
    id     = "streamlake-${local.topics_dir_id}-abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {
      prefix = local.topics_dir == "" ? "" : "${local.topics_dir}/"
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  rule {
    id     = "streamlake-${local.topics_dir_id}-expire-epoch-markers"
    status = "Enabled"
    filter {
      prefix = local.topics_dir == "" ? "_epochs/" : "${local.topics_dir}/_epochs/"
    }
    expiration {
      days = var.epoch_marker_expiration_days
    }
  }
}

# --- service execution roles ----------------------------------------------------------------------------------

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["kafkaconnect.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_iam_policy_document" "sink" {
  statement {
    sid       = "ListOnlyUnderTopicsDir"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::${var.sink_bucket}"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = local.topics_dir == "" ? ["*"] : ["${local.topics_dir}/", "${local.topics_dir}/*"]
    }
  }
  statement {
    sid       = "WriteDataFilesAndEpochMarkers"
    actions   = local.sink_object_actions
    resources = [local.topics_dir == "" ? "arn:aws:s3:::${var.sink_bucket}/*" : "arn:aws:s3:::${var.sink_bucket}/${local.topics_dir}/*"]
  }
  dynamic "statement" {
    for_each = var.sink_kms_key_arn == "" ? [] : [var.sink_kms_key_arn]
    content {
      sid       = "EncryptWithTheBucketKey"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [statement.value]
    }
  }
  dynamic "statement" {
    for_each = local.sink_reads_gsr ? [1] : []
    content {
      sid       = "ReadSchemasFromTheGlueSchemaRegistry"
      actions   = ["glue:GetSchemaVersion"]
      resources = ["*"]
    }
  }
  statement {
    sid       = "ConnectToTheCluster"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
    resources = [var.cluster_arn]
  }
  statement {
    sid = "WorkerInternalTopics"
    actions = ["kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic",
    "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:ReadData", "kafka-cluster:WriteData"]
    resources = ["${local.kafka_prefix}/__amazon_msk_connect_*", "${local.kafka_prefix}/${local.offsets_topic}"]
  }
  statement {
    sid       = "WorkerGroup"
    actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
    resources = ["${local.group_prefix}/__amazon_msk_connect_*"]
  }
  statement {
    sid       = "ReadTheConnectorsTopics"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    resources = [for t in local.sink_topics : "${local.kafka_prefix}/${t}"]
  }
  statement {
    sid       = "TheConnectorsConsumerGroup"
    actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
    resources = ["${local.group_prefix}/connect-${local.sink_name}"]
  }
  dynamic "statement" {
    # glue.enabled: the sink's catalog syncer keeps the topic's table (GetTable, CreateTable, UpdateTable only)
    for_each = local.glue_enabled ? [1] : []
    content {
      sid     = "KeepTheGlueTables"
      actions = ["glue:GetTable", "glue:CreateTable", "glue:UpdateTable"]
      resources = concat(["${local.glue_arn_prefix}:catalog", "${local.glue_arn_prefix}:database/${var.glue_database}"],
      [for t in local.sink_topics : "${local.glue_arn_prefix}:table/${var.glue_database}/${local.glue_table_names[t]}"])
    }
  }
  dynamic "statement" {
    for_each = local.sink_dlq == "" ? [] : [local.sink_dlq]
    content {
      sid       = "DeadLetterQueue"
      actions   = ["kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
      resources = ["${local.kafka_prefix}/${statement.value}"]
    }
  }
}

resource "aws_iam_role" "sink" {
  name               = "streamlake-s3-sink"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "sink" {
  name   = "streamlake-s3-sink"
  role   = aws_iam_role.sink.id
  policy = data.aws_iam_policy_document.sink.json
}

data "aws_iam_policy_document" "lag" {
  statement {
    sid       = "PublishLagMetricsToOneNamespace"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.lag_namespace]
    }
  }
  statement {
    sid       = "ConnectToTheCluster"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
    resources = [var.cluster_arn]
  }
  statement {
    sid = "WorkerInternalTopics"
    actions = ["kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic",
    "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:ReadData", "kafka-cluster:WriteData"]
    resources = ["${local.kafka_prefix}/__amazon_msk_connect_*", "${local.kafka_prefix}/${local.offsets_topic}"]
  }
  statement {
    sid       = "WorkerGroup"
    actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
    resources = ["${local.group_prefix}/__amazon_msk_connect_*"]
  }
  statement {
    sid       = "DescribeEveryGroupAndTopic"
    actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:DescribeTopic"]
    resources = ["${local.group_prefix}/*", "${local.kafka_prefix}/*"]
  }
  # time.lag.mode=record-timestamp fetches the record at each committed offset; the other modes read no data
  dynamic "statement" {
    for_each = local.lag_reads_records ? [1] : []
    content {
      sid       = "RecordTimestampModeReadsTheRecordAtTheCommittedOffset"
      actions   = ["kafka-cluster:ReadData"]
      resources = ["${local.kafka_prefix}/*"]
    }
  }
  statement {
    sid       = "TheMetricsTopic"
    actions   = ["kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
    resources = ["${local.kafka_prefix}/${local.lag_metrics_topic}"]
  }
}

resource "aws_iam_role" "lag" {
  count              = var.enable_lag_emitter ? 1 : 0
  name               = "streamlake-consumer-lag"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "lag" {
  count  = var.enable_lag_emitter ? 1 : 0
  name   = "streamlake-consumer-lag"
  role   = aws_iam_role.lag[0].id
  policy = data.aws_iam_policy_document.lag.json
}

# --- connectors -----------------------------------------------------------------------------------------------

resource "aws_mskconnect_connector" "order_events" {
  name                 = local.sink_name
  kafkaconnect_version = "3.7.x"

  # MSK Connect sets tasks.max to workers x MCU x 2 while autoscaling; the file's tasks.max is overridden.
  capacity {
    autoscaling {
      mcu_count        = var.mcu_count
      min_worker_count = var.min_workers
      max_worker_count = var.max_workers
      scale_in_policy {
        cpu_utilization_percentage = var.scale_in_cpu_percent
      }
      scale_out_policy {
        cpu_utilization_percentage = var.scale_out_cpu_percent
      }
    }
  }

  connector_configuration = merge(local.sink_config, {
    "s3.bucket.name" = var.sink_bucket
    "s3.region"      = var.region
    "topics.dir"     = local.topics_dir
    }, var.sink_kms_key_arn == "" ? {} : {
    "s3.ssea.name"      = "aws:kms"
    "s3.sse.kms.key.id" = var.sink_kms_key_arn
    }, local.glue_enabled ? {
    "glue.enabled"  = "true"
    "glue.database" = var.glue_database
  } : {})

  kafka_cluster {
    apache_kafka_cluster {
      bootstrap_servers = var.bootstrap_servers
      vpc {
        security_groups = var.security_group_ids
        subnets         = var.subnet_ids
      }
    }
  }
  kafka_cluster_client_authentication {
    authentication_type = "IAM"
  }
  kafka_cluster_encryption_in_transit {
    encryption_type = "TLS"
  }

  plugin {
    custom_plugin {
      arn      = aws_mskconnect_custom_plugin.streamlake.arn
      revision = aws_mskconnect_custom_plugin.streamlake.latest_revision
    }
  }
  worker_configuration {
    arn      = aws_mskconnect_worker_configuration.streamlake.arn
    revision = aws_mskconnect_worker_configuration.streamlake.latest_revision
  }
  service_execution_role_arn = aws_iam_role.sink.arn

  log_delivery {
    worker_log_delivery {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.connect.name
      }
    }
  }

  depends_on = [aws_iam_role_policy.sink]
}

resource "aws_mskconnect_connector" "consumer_lag" {
  count                = var.enable_lag_emitter ? 1 : 0
  name                 = local.lag_name
  kafkaconnect_version = "3.7.x"

  # One task does all the work: a fixed single 1-MCU worker.
  capacity {
    provisioned_capacity {
      mcu_count    = 1
      worker_count = 1
    }
  }

  connector_configuration = merge(local.lag_config, {
    "admin.bootstrap.servers" = var.bootstrap_servers
    "cloudwatch.region"       = var.region
    "cloudwatch.namespace"    = var.lag_namespace
    "time.lag.mode"           = local.lag_time_lag_mode
  })

  kafka_cluster {
    apache_kafka_cluster {
      bootstrap_servers = var.bootstrap_servers
      vpc {
        security_groups = var.security_group_ids
        subnets         = var.subnet_ids
      }
    }
  }
  kafka_cluster_client_authentication {
    authentication_type = "IAM"
  }
  kafka_cluster_encryption_in_transit {
    encryption_type = "TLS"
  }

  plugin {
    custom_plugin {
      arn      = aws_mskconnect_custom_plugin.streamlake.arn
      revision = aws_mskconnect_custom_plugin.streamlake.latest_revision
    }
  }
  worker_configuration {
    arn      = aws_mskconnect_worker_configuration.streamlake.arn
    revision = aws_mskconnect_worker_configuration.streamlake.latest_revision
  }
  service_execution_role_arn = aws_iam_role.lag[0].arn

  log_delivery {
    worker_log_delivery {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.connect.name
      }
    }
  }

  depends_on = [aws_iam_role_policy.lag]
}
