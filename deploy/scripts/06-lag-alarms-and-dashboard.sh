#!/usr/bin/env bash
# Lag alarms and a dashboard for a sink connector, as deploy/terraform/monitoring.tf creates them, on the metrics the
# consumer-lag emitter publishes (namespace $LAG_NAMESPACE, per ConsumerGroup + Topic):
#   - TotalLag above LAG_ALARM_SECONDS_OF_RECORDS (10) x the topic's records/s,
#   - EstimatedMaxTimeLag (milliseconds) above TIME_LAG_ALARM_MINUTES (5) minutes,
#   both with missing data treated as breaching (no datapoints means the emitter stopped);
#   - a dashboard: lag per group/topic next to the connector's MSK Connect worker count and CPU.
#   deploy/scripts/06-lag-alarms-and-dashboard.sh [sink connector.json]
# TOPIC_RECORDS_PER_SECOND: one rate for every topic (100), or topic=rate,topic=rate. TOPICS: the topics when the
# connector uses topics.regex. ALARM_ACTIONS: SNS topic ARNs (space-separated) to notify.
source "$(dirname "$0")/common.sh"
require AWS_REGION
command -v jq >/dev/null 2>&1 || { echo "jq is needed to read the connector file" >&2; exit 1; }
connector="${1:-$DEPLOY_DIR/connectors/order-events-s3-parquet.json}"
name="$(jq -r '.name // (.config.name // empty)' "$connector")"
[ -n "$name" ] || name="$(basename "$connector" .json)"
group="connect-$name"
namespace="${LAG_NAMESPACE:-MSK/ConsumerLag}"
seconds="${LAG_ALARM_SECONDS_OF_RECORDS:-10}"
minutes="${TIME_LAG_ALARM_MINUTES:-5}"
period="${LAG_ALARM_PERIOD_SECONDS:-60}"
periods="${LAG_ALARM_EVALUATION_PERIODS:-5}"
topics="${TOPICS:-$(jq -r '(.config // .).topics // empty' "$connector")}"
if [ -z "$topics" ]; then
  echo "$(basename "$0"): $connector names no topics list (topics.regex?); set TOPICS=topic1,topic2" >&2
  exit 2
fi

rate_of() {  # rate_of <topic>: records/s from TOPIC_RECORDS_PER_SECOND
  local spec="${TOPIC_RECORDS_PER_SECOND:-100}" entry
  case "$spec" in *=*) ;; *) echo "$spec"; return ;; esac
  IFS=',' read -ra entries <<< "$spec"
  for entry in "${entries[@]}"; do
    [ "${entry%%=*}" = "$1" ] && { echo "${entry#*=}"; return; }
  done
  echo 100
}

actions=()
if [ -n "${ALARM_ACTIONS:-}" ]; then
  # shellcheck disable=SC2206
  actions=(--alarm-actions ${ALARM_ACTIONS} --ok-actions ${ALARM_ACTIONS})
fi

IFS=',' read -ra topic_list <<< "$topics"
for topic in "${topic_list[@]}"; do
  topic="$(echo "$topic" | tr -d '[:space:]')"
  [ -n "$topic" ] || continue
  rate="$(rate_of "$topic")"
  aws cloudwatch put-metric-alarm --region "$AWS_REGION" --alarm-name "streamlake-$group-$topic-TotalLag" \
    --alarm-description "TotalLag of $group on $topic above $seconds x $rate records/s, or no lag data" \
    --namespace "$namespace" --metric-name TotalLag \
    --dimensions "Name=ConsumerGroup,Value=$group" "Name=Topic,Value=$topic" \
    --statistic Maximum --period "$period" --evaluation-periods "$periods" \
    --comparison-operator GreaterThanThreshold --threshold "$((seconds * rate))" \
    --treat-missing-data breaching ${actions[@]+"${actions[@]}"}
  aws cloudwatch put-metric-alarm --region "$AWS_REGION" \
    --alarm-name "streamlake-$group-$topic-EstimatedMaxTimeLag" \
    --alarm-description "EstimatedMaxTimeLag of $group on $topic above $minutes min, or no lag data" \
    --namespace "$namespace" --metric-name EstimatedMaxTimeLag \
    --dimensions "Name=ConsumerGroup,Value=$group" "Name=Topic,Value=$topic" \
    --statistic Maximum --period "$period" --evaluation-periods "$periods" \
    --comparison-operator GreaterThanThreshold --threshold "$((minutes * 60 * 1000))" \
    --treat-missing-data breaching ${actions[@]+"${actions[@]}"}
  echo "alarms for $group / $topic: TotalLag > $((seconds * rate)), EstimatedMaxTimeLag > $((minutes * 60000)) ms"
done

body="$(jq -c -n --arg ns "$namespace" --arg region "$AWS_REGION" --arg connector "$name" '{widgets: [
  {type: "metric", x: 0, y: 0, width: 12, height: 6, properties: {title: "TotalLag per consumer group / topic (records)",
    region: $region, stat: "Maximum", period: 60, metrics: [[{id: "lag",
    expression: ("SEARCH(\u0027{" + $ns + ",ConsumerGroup,Topic} MetricName=\"TotalLag\"\u0027, \u0027Maximum\u0027, 60)")}]]}},
  {type: "metric", x: 12, y: 0, width: 12, height: 6, properties: {title: "EstimatedMaxTimeLag per consumer group / topic (ms)",
    region: $region, stat: "Maximum", period: 60, metrics: [[{id: "timelag",
    expression: ("SEARCH(\u0027{" + $ns + ",ConsumerGroup,Topic} MetricName=\"EstimatedMaxTimeLag\"\u0027, \u0027Maximum\u0027, 60)")}]]}},
  {type: "metric", x: 0, y: 6, width: 12, height: 6, properties: {title: ($connector + ": workers"), region: $region,
    stat: "Maximum", period: 60, metrics: [["AWS/KafkaConnect", "WorkerCount", "ConnectorName", $connector]]}},
  {type: "metric", x: 12, y: 6, width: 12, height: 6, properties: {title: ($connector + ": CPU utilisation (%)"),
    region: $region, stat: "Average", period: 60, metrics: [["AWS/KafkaConnect", "CpuUtilization", "ConnectorName", $connector]]}}
]}')"
aws cloudwatch put-dashboard --region "$AWS_REGION" --dashboard-name "streamlake-$name" --dashboard-body "$body" \
  > /dev/null
echo "dashboard streamlake-$name"
