# Shared by the deploy scripts: paths, required variables, small helpers. Sourced, not run.
set -euo pipefail
umask 077                              # files written here (requests, policies) are readable by the owner only
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_DIR="$(dirname "$SCRIPTS_DIR")"
ROOT_DIR="$(dirname "$DEPLOY_DIR")"
STATE_DIR="$DEPLOY_DIR/target/aws"     # ARNs created by earlier steps, read by later ones
mkdir -p "$STATE_DIR"

require() {
  local name
  for name in "$@"; do
    if [ -z "${!name:-}" ]; then
      echo "$(basename "$0"): set $name (see deploy/scripts/env.example)" >&2
      exit 2
    fi
  done
}

command -v aws >/dev/null 2>&1 || { echo "$(basename "$0"): the AWS CLI v2 is needed" >&2; exit 1; }

# wait_for <describe command...> <jq-like --query> <wanted state>
wait_for_state() {
  local wanted="$1" query="$2"; shift 2
  local state
  for _ in $(seq 1 120); do
    state="$("$@" --query "$query" --output text)"
    case "$state" in
      "$wanted") echo "$state"; return 0 ;;
      *FAILED*) echo "state $state" >&2; return 1 ;;
    esac
    sleep 10
  done
  echo "timed out waiting for $wanted (last: $state)" >&2
  return 1
}
