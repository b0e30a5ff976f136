package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.PrintWriter;

/** Steps 3 to 8 of the demo: the accident, the preview, the restore, the verification and the clone. */
final class DemoRecovery {
    private DemoRecovery() {}

    // TODO(lead): fill in once the restore engine lands.
    static boolean run(PrintWriter out, KubeTarget kube, StorageTarget storage, String backup, EncryptionKey key,
                       MockCluster cluster, ProgressListener progress) {
        return true;
    }
}
