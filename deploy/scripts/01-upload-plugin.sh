#!/usr/bin/env bash
# Uploads the built plugin ZIP to s3://$PLUGIN_BUCKET/plugins/. A custom plugin is immutable, so the key
# carries the ZIP's checksum: a rebuilt ZIP gets a new key (and step 02 a new custom plugin).
source "$(dirname "$0")/common.sh"
require AWS_REGION PLUGIN_BUCKET

zip="${1:-$(ls -t "$ROOT_DIR"/packaging/target/streamlake-plugin-*.zip 2>/dev/null | head -1)}"
[ -f "$zip" ] || { echo "no plugin ZIP: build it with mvn -B -ntp -pl packaging -am install -DskipTests" >&2; exit 1; }

if command -v sha256sum >/dev/null 2>&1; then sum="$(sha256sum "$zip" | cut -c1-12)"; else sum="$(shasum -a 256 "$zip" | cut -c1-12)"; fi
key="plugins/streamlake-plugin-$sum.zip"
aws s3 cp "$zip" "s3://$PLUGIN_BUCKET/$key" --region "$AWS_REGION"
echo "$key" > "$STATE_DIR/plugin-key"
echo "uploaded $zip to s3://$PLUGIN_BUCKET/$key"
