#!/usr/bin/env bash
# Checks jenkins-api-standin against the real Jenkins API reference (../shared/jenkins-api/signatures.txt):
# every type and member the stand-in declares must exist upstream with the same shape, and nothing may be
# newer than the core baseline. The reference lives outside this repository; on a machine without it
# (a user's checkout) the check is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
api="${JENKINS_API_DIR:-../shared/jenkins-api}"
if [[ ! -f "$api/signatures.txt" || ! -f "$api/check.java" ]]; then
  echo "check-standin: $api not found, skipping the Jenkins API stand-in check"
  exit 0
fi
offline=${MVN_OFFLINE:-}
mvn $offline -q -B -pl jenkins-api-standin compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn $offline -q -B -pl jenkins-api-standin dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=compile
java "$api/check.java" jenkins-api-standin/target/classes "$api/signatures.txt" "$(cat "$cp_file")" --core-baseline=2.541
