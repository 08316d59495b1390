#!/usr/bin/env bash
# Adds the sink's lifecycle rules to $SINK_BUCKET: abort incomplete multipart uploads after 1 day, expire
# epoch markers (topics/_epochs/) after 7 days. put-bucket-lifecycle-configuration REPLACES the bucket's
# rules, so existing rules are fetched and kept (jq needed).
source "$(dirname "$0")/common.sh"
require AWS_REGION SINK_BUCKET
command -v jq >/dev/null 2>&1 || { echo "jq is needed to merge lifecycle rules" >&2; exit 1; }
ours="$DEPLOY_DIR/s3/sink-bucket-lifecycle.json"

existing="$(aws s3api get-bucket-lifecycle-configuration --region "$AWS_REGION" --bucket "$SINK_BUCKET" \
  2>/dev/null || echo '{"Rules": []}')"
merged="$(jq -n --argjson old "$existing" --slurpfile new "$ours" \
  '{Rules: (($old.Rules // []) | map(select(.ID | startswith("streamlake-") | not))) + $new[0].Rules}')"
aws s3api put-bucket-lifecycle-configuration --region "$AWS_REGION" --bucket "$SINK_BUCKET" \
  --lifecycle-configuration "$merged"
echo "lifecycle rules of $SINK_BUCKET:"
aws s3api get-bucket-lifecycle-configuration --region "$AWS_REGION" --bucket "$SINK_BUCKET" \
  --query 'Rules[].ID' --output text
