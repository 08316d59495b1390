#!/usr/bin/env bash
# Adds the sink's lifecycle rules for the connector's topics.dir to $SINK_BUCKET: abort incomplete multipart uploads
# under <topics.dir>/ after 1 day, expire epoch markers under <topics.dir>/_epochs/ after 7 days.
#   deploy/scripts/05-sink-bucket-lifecycle.sh [sink connector.json]     (default: the order-events example)
# put-bucket-lifecycle-configuration REPLACES the bucket's whole configuration, so the existing one is read first
# and every other rule is kept (`streamlake lifecycle --existing` merges). Only "NoSuchLifecycleConfiguration" means
# the bucket has no rules; any other error (AccessDenied, a network error) stops here and changes nothing.
source "$(dirname "$0")/common.sh"
require AWS_REGION SINK_BUCKET
connector="${1:-$DEPLOY_DIR/connectors/order-events-s3-parquet.json}"
streamlake="${STREAMLAKE:-$DEPLOY_DIR/bin/streamlake}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

existing=()
if aws s3api get-bucket-lifecycle-configuration --region "$AWS_REGION" --bucket "$SINK_BUCKET" \
    --output json > "$work/existing.json" 2> "$work/error.txt"; then
  existing=(--existing "$work/existing.json")
elif grep -q 'NoSuchLifecycleConfiguration' "$work/error.txt"; then
  echo "$SINK_BUCKET has no lifecycle configuration yet"
else
  cat "$work/error.txt" >&2
  echo "$(basename "$0"): could not read the lifecycle configuration of $SINK_BUCKET; nothing was changed" >&2
  exit 1
fi

"$streamlake" lifecycle "$connector" --set "s3.bucket.name=$SINK_BUCKET" ${existing[@]+"${existing[@]}"} \
  --output "$work/merged.json"
aws s3api put-bucket-lifecycle-configuration --region "$AWS_REGION" --bucket "$SINK_BUCKET" \
  --lifecycle-configuration "file://$work/merged.json"
echo "lifecycle rules of $SINK_BUCKET:"
aws s3api get-bucket-lifecycle-configuration --region "$AWS_REGION" --bucket "$SINK_BUCKET" \
  --query 'Rules[].ID' --output text
