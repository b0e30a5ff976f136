#!/bin/sh
# Build step (mvn package, cli module): puts the launcher next to k8s-backup.jar and makes the class-data-sharing
# archive k8s-backup.jsa for that jar at that path, by a training run of `demo` (backup, restore, verify and diff on
# the embedded API) with the launcher's JIT setting. A failed training run leaves no archive: the launcher then starts
# without one. Args: target-directory java-executable skip-archive(true|false)
set -u
target=$(cd "$1" && pwd -P)
java=$2
cp "$(dirname "$0")/k8s-backup" "$target/k8s-backup" && chmod 755 "$target/k8s-backup" || exit 1
rm -f "$target/k8s-backup.jsa"
if [ "$3" = "true" ]; then
    echo "class-data-sharing archive: skipped (-Dcds.skip)"
    exit 0
fi
rm -rf "$target/cds-training"
if "$java" "-XX:ArchiveClassesAtExit=$target/k8s-backup.jsa" -XX:TieredStopAtLevel=1 -jar "$target/k8s-backup.jar" \
        demo --dir "$target/cds-training" > "$target/cds-training.log" 2>&1; then
    echo "class-data-sharing archive: $target/k8s-backup.jsa"
else
    rm -f "$target/k8s-backup.jsa"
    echo "class-data-sharing archive: training run failed (see $target/cds-training.log); the launcher runs without one"
fi
exit 0
