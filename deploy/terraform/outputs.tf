output "custom_plugin_arn" {
  value = aws_mskconnect_custom_plugin.streamlake.arn
}

output "worker_configuration_arn" {
  value = aws_mskconnect_worker_configuration.streamlake.arn
}

output "order_events_connector_arn" {
  value = aws_mskconnect_connector.order_events.arn
}

output "max_sink_tasks" {
  description = "tasks.max at max_workers (workers x MCU x 2); keep it at or below the sink topics' partition count."
  value       = var.max_workers * var.mcu_count * 2
}

output "dashboard_name" {
  value = aws_cloudwatch_dashboard.streamlake.dashboard_name
}
