package io.jenkins.plugins.k8sbackup.remedy;

import java.io.IOException;

/** A setting is missing or wrong (a kubeconfig, a context) where no more specific exception type applies. */
public class WrongSettingException extends IOException implements Fixable {
    private static final long serialVersionUID = 1L;

    private final Fix fix;

    public WrongSettingException(Fix fix) {
        super(fix.message());
        this.fix = fix;
    }

    @Override
    public Fix fix() {
        return fix;
    }
}
