package io.jenkins.plugins.k8sbackup.crypto;

import java.io.IOException;

/** Encrypted data could not be decrypted: no key, the wrong key, or tampering. */
public class DecryptionException extends IOException {
    private static final long serialVersionUID = 1L;

    public DecryptionException(String message) {
        super(message);
    }
}
