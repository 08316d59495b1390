# The Glue Data Catalog side of the S3 sink (glue_database set: the connector runs with glue.enabled=true).
#
# The connector keeps one table per topic itself: it creates the table at the topic's first file and adds columns
# when a new schema reaches S3, with Athena partition projection derived from path.format, so Athena needs no
# crawler, no MSCK REPAIR TABLE and no partition registration. Its role may call glue:GetTable, CreateTable and
# UpdateTable on the catalog, this database and the topics' tables (statement KeepTheGlueTables in main.tf).
#
# glue_table_from_terraform = true also declares the order-events table here, exactly as
#   deploy/bin/streamlake catalog deploy/connectors/order-events-s3-parquet.json \
#     --schema deploy/catalog/order-event.json --set glue.database=<db>
# prints it (GlueTerraformTest keeps the two in step), e.g. to query before the first file lands or to keep the
# table in Terraform's state. Terraform then ignores columns and properties, which the connector extends.

locals {
  glue_enabled    = var.glue_database != ""
  glue_arn_prefix = "arn:aws:glue:${var.region}:${data.aws_caller_identity.current.account_id}"
  # Table names as the sink spells them (glue.table.name=${topic}): lower case, other characters than a-z, 0-9, _ as _
  glue_table_names = { for t in local.sink_topics : t => replace(lower(t), "/[^a-z0-9_]/", "_") }
  glue_location    = "s3://${var.sink_bucket}/${local.topics_dir == "" ? "" : "${local.topics_dir}/"}order-events/"
}

resource "aws_glue_catalog_database" "lake" {
  count = local.glue_enabled && var.create_glue_database ? 1 : 0
  name  = var.glue_database
}

resource "aws_glue_catalog_table" "order_events" {
  count         = local.glue_enabled && var.glue_table_from_terraform ? 1 : 0
  database_name = var.glue_database
  name          = "order_events"
  table_type    = "EXTERNAL_TABLE"
  depends_on    = [aws_glue_catalog_database.lake]

  parameters = {
    "EXTERNAL"                  = "TRUE"
    "classification"            = "parquet"
    "projection.enabled"        = "true"
    "projection.year.type"      = "integer"
    "projection.year.range"     = "2020,2099"
    "projection.month.type"     = "integer"
    "projection.month.range"    = "1,12"
    "projection.month.digits"   = "2"
    "projection.day.type"       = "integer"
    "projection.day.range"      = "1,31"
    "projection.day.digits"     = "2"
    "projection.hour.type"      = "integer"
    "projection.hour.range"     = "0,23"
    "projection.hour.digits"    = "2"
    "storage.location.template" = "${local.glue_location}year=$${year}/month=$${month}/day=$${day}/hour=$${hour}/"
  }

  partition_keys {
    name = "year"
    type = "bigint"
  }
  partition_keys {
    name = "month"
    type = "string"
  }
  partition_keys {
    name = "day"
    type = "string"
  }
  partition_keys {
    name = "hour"
    type = "string"
  }

  storage_descriptor {
    location      = local.glue_location
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      parameters = {
        "serialization.format" = "1"
      }
    }

    columns {
      name = "order_id"
      type = "string"
    }
    columns {
      name = "customer_id"
      type = "string"
    }
    columns {
      name = "status"
      type = "string"
    }
    columns {
      name = "amount"
      type = "double"
    }
    columns {
      name = "currency"
      type = "string"
    }
    columns {
      name = "items"
      type = "int"
    }
    columns {
      name = "timestamp"
      type = "timestamp"
    }
  }

  lifecycle {
    # The connector appends columns (and may refresh projection properties) as the topic's schema grows.
    ignore_changes = [storage_descriptor[0].columns, parameters]
  }
}

output "glue_tables" {
  description = "The Glue tables the sink keeps (database.table per topic), when glue_database is set."
  value       = local.glue_enabled ? [for t in local.sink_topics : "${var.glue_database}.${local.glue_table_names[t]}"] : []
}
