#!/usr/bin/env bash
# Registers the uploaded ZIP as an MSK Connect custom plugin and waits until it is ACTIVE.
source "$(dirname "$0")/common.sh"
require AWS_REGION PLUGIN_BUCKET
key="$(cat "$STATE_DIR/plugin-key" 2>/dev/null)" || { echo "run 01-upload-plugin.sh first" >&2; exit 1; }
name="streamlake-$(basename "$key" .zip | sed 's/^streamlake-plugin-//')"

arn="$(aws kafkaconnect create-custom-plugin --region "$AWS_REGION" \
  --name "$name" \
  --description "streamlake: S3 sink, CDC transforms, consumer-lag emitter" \
  --content-type ZIP \
  --location "s3Location={bucketArn=arn:aws:s3:::$PLUGIN_BUCKET,fileKey=$key}" \
  --query customPluginArn --output text)"
echo "$arn" > "$STATE_DIR/custom-plugin-arn"
echo "custom plugin $arn: waiting for ACTIVE..."
wait_for_state ACTIVE customPluginState \
  aws kafkaconnect describe-custom-plugin --region "$AWS_REGION" --custom-plugin-arn "$arn"
