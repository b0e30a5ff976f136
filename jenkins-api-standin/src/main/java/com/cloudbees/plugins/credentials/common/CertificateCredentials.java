package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import java.security.KeyStore;

public interface CertificateCredentials extends Credentials, PasswordCredentials {
    KeyStore getKeyStore();
}
