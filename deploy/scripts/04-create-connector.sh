#!/usr/bin/env bash
# Validates a connector JSON offline against the plugin ZIP, renders the create-connector request (autoscaling
# MCU_COUNT x MIN_WORKERS..MAX_WORKERS, scale in at 20% CPU, out at 80%) and creates the connector.
#   deploy/scripts/04-create-connector.sh [connector.json] [extra render flags, e.g. --set s3.bucket.name=x]
source "$(dirname "$0")/common.sh"
require AWS_REGION BOOTSTRAP_SERVERS SUBNETS SECURITY_GROUPS SERVICE_ROLE_ARN
connector="${1:-$DEPLOY_DIR/connectors/order-events-s3-parquet.json}"
shift || true
plugin_arn="$(cat "$STATE_DIR/custom-plugin-arn" 2>/dev/null)" || { echo "run 02-create-custom-plugin.sh first" >&2; exit 1; }

extra=()
if [ -f "$STATE_DIR/worker-configuration-arn" ]; then
  extra+=(--worker-config-arn "$(cat "$STATE_DIR/worker-configuration-arn")")
fi
if [ -n "${LOG_GROUP:-}" ]; then
  extra+=(--log-group "$LOG_GROUP")
fi
if [ -n "${SINK_BUCKET:-}" ] && grep -q '"s3.bucket.name"' "$connector"; then
  extra+=(--set "s3.bucket.name=$SINK_BUCKET" --set "s3.region=$AWS_REGION")
fi

streamlake="${STREAMLAKE:-$DEPLOY_DIR/bin/streamlake}"
"$streamlake" validate "$connector"
request="$STATE_DIR/$(basename "$connector" .json)-request.json"
"$streamlake" render "$connector" \
  --mcu "${MCU_COUNT:-1}" --min-workers "${MIN_WORKERS:-1}" --max-workers "${MAX_WORKERS:-2}" \
  --scale-in-cpu 20 --scale-out-cpu 80 \
  --bootstrap-servers "$BOOTSTRAP_SERVERS" --subnets "$SUBNETS" --security-groups "$SECURITY_GROUPS" \
  --plugin-arn "$plugin_arn" --role-arn "$SERVICE_ROLE_ARN" ${extra[@]+"${extra[@]}"} "$@" --output "$request"

arn="$(aws kafkaconnect create-connector --region "$AWS_REGION" --cli-input-json "file://$request" \
  --query connectorArn --output text)"
echo "connector $arn: waiting for RUNNING (MSK Connect takes several minutes)..."
wait_for_state RUNNING connectorState \
  aws kafkaconnect describe-connector --region "$AWS_REGION" --connector-arn "$arn"
