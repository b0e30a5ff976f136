package io.jenkins.plugins.k8sbackup.etcd;

import java.io.IOException;

/** An etcd snapshot or verification failed; the message says what, against which endpoint, and the likely fix. */
public class EtcdSnapshotException extends IOException {
    private static final long serialVersionUID = 1L;

    public EtcdSnapshotException(String message) {
        super(message);
    }

    public EtcdSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
