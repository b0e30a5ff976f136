package io.jenkins.plugins.k8sbackup.jenkins.steps;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import java.util.Optional;

/** What a cluster step resolved from its credentials: the cluster, the storage and the optional encryption key. */
record ClusterTargets(ClusterConnection cluster, ResolvedStorage storage, Optional<EncryptionKey> key) {
}
