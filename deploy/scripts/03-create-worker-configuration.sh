#!/usr/bin/env bash
# Creates the MSK Connect worker configuration from deploy/worker/msk-connect-worker.properties after checking
# it holds only settings MSK Connect accepts.
source "$(dirname "$0")/common.sh"
require AWS_REGION
file="${1:-$DEPLOY_DIR/worker/msk-connect-worker.properties}"

"$DEPLOY_DIR/bin/streamlake" validate "$file"
# the API takes the properties file base64-encoded
content="$(base64 < "$file" | tr -d '\n')"
arn="$(aws kafkaconnect create-worker-configuration --region "$AWS_REGION" \
  --name "streamlake-worker-$(date +%Y%m%d%H%M%S)" \
  --description "streamlake: converters, offsets topic, client override policy" \
  --properties-file-content "$content" \
  --query workerConfigurationArn --output text)"
echo "$arn" > "$STATE_DIR/worker-configuration-arn"
echo "worker configuration $arn"
