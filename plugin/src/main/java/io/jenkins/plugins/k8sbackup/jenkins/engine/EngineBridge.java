package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.util.Optional;

/**
 * The only place where the plugin calls engine operations that are still being merged (restore, verify).
 * Everything around it (argument binding, credentials, backup selection, reports, build results) is in
 * place and tested; each method maps the plugin's request onto the engine facade.
 */
public final class EngineBridge {
    private EngineBridge() {}

    /**
     * TODO(restore branch): {@code StepOutcome.of(RestoreOperation.run(kube, storage, RestoreSpec.builder(name)
     * .includeNamespaces(..)...existingPolicy(ExistingPolicy.valueOf(r.existingPolicy())).build(), key, progress))}.
     */
    public static StepOutcome restore(KubeTarget kube, StorageTarget storage, String backupName, RestoreRequest request,
                                      Optional<EncryptionKey> key, ProgressListener progress) throws IOException {
        throw new EngineUnavailableException("k8sRestore");
    }

    /** TODO(verify branch): {@code VerifyOperation.run(kube, storage, VerifySpec(...), key, progress)}. */
    public static StepOutcome verify(KubeTarget kube, StorageTarget storage, String backupName, VerifyRequest request,
                                     Optional<EncryptionKey> key, ProgressListener progress) throws IOException {
        throw new EngineUnavailableException("verifyRestore");
    }
}
