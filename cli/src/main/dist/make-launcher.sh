#!/bin/sh
# Build step (mvn package, cli module): puts the launcher next to k8s-backup.jar and makes the class-data-sharing
# archive k8s-backup.jsa for that jar at that path, by a training run of `demo` (backup, restore, verify and diff on
# the embedded API) through the launcher itself, so with its JIT settings. A failed training run leaves no archive:
# the launcher then starts without one. Args: target-directory java-executable skip-archive(true|false)
set -u
target=$(cd "$1" && pwd -P)
java=$2
cp "$(dirname "$0")/k8s-backup" "$target/k8s-backup" && chmod 755 "$target/k8s-backup" || exit 1
cp "$(dirname "$0")/k8s-backup-jit.json" "$target/k8s-backup-jit.json" || exit 1
rm -f "$target/k8s-backup.jsa"
java_home=$(dirname "$(dirname "$java")")
# The launcher must start the JVM with its settings, C1 only and with the crypto directives (etcd-* has them), and
# print nothing of its own: a JVM line on stdout would corrupt `-o json`, a directives file the JVM refuses would stop
# every such run.
for args in "--version" "--version etcd-verify"; do
    # shellcheck disable=SC2086 # two words in the second case
    version=$(JAVA_HOME=$java_home K8S_BACKUP_JAVA_OPTS= K8S_BACKUP_C2= "$target/k8s-backup" $args 2>&1)
    if [ $? -ne 0 ] || [ "$(printf '%s\n' "$version" | wc -l)" -ne 1 ] || [ "${version#k8s-backup }" = "$version" ]; then
        echo "launcher check failed: 'k8s-backup $args' printed: $version"
        exit 1
    fi
done
if [ "$3" = "true" ]; then
    echo "class-data-sharing archive: skipped (-Dcds.skip)"
    exit 0
fi
rm -rf "$target/cds-training"
if JAVA_HOME=$java_home K8S_BACKUP_NO_CDS=1 K8S_BACKUP_C2= \
        K8S_BACKUP_JAVA_OPTS="-XX:ArchiveClassesAtExit=$target/k8s-backup.jsa" \
        "$target/k8s-backup" demo --dir "$target/cds-training" > "$target/cds-training.log" 2>&1; then
    echo "class-data-sharing archive: $target/k8s-backup.jsa"
else
    rm -f "$target/k8s-backup.jsa"
    echo "class-data-sharing archive: training run failed (see $target/cds-training.log); the launcher runs without one"
fi
exit 0
