package io.jenkins.plugins.k8sbackup.crypto;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.FixableException;

/** Encrypted data could not be decrypted: no key, the wrong key, or tampering. */
public class DecryptionException extends FixableException {
    private static final long serialVersionUID = 1L;

    /** Refused for a reason a setting fixes. */
    public DecryptionException(Fix fix) {
        super(fix);
    }

    public DecryptionException(String message) {
        super(message);
    }
}
