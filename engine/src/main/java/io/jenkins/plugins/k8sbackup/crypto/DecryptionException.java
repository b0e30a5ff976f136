package io.jenkins.plugins.k8sbackup.crypto;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Fixable;
import java.io.IOException;

/** Encrypted data could not be decrypted: no key, the wrong key, or tampering. */
public class DecryptionException extends IOException implements Fixable {
    private static final long serialVersionUID = 1L;

    private final Fix fix;

    /** Refused for a reason a setting fixes. */
    public DecryptionException(Fix fix) {
        super(fix.message());
        this.fix = fix;
    }

    @Override
    public Fix fix() {
        return fix;
    }

    public DecryptionException(String message) {
        super(message);
        this.fix = null;
    }
}
