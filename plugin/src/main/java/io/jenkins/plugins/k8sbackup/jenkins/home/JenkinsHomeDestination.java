package io.jenkins.plugins.k8sbackup.jenkins.home;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.CredentialResolver;
import io.jenkins.plugins.k8sbackup.jenkins.storage.LocationContext;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.SecretMasker;

/**
 * Where JENKINS_HOME backups go and with which keys, exactly as the administrator configured them: the periodic
 * backup, jenkinsBackup, jenkinsRestore and the restore page all use it, and no job can choose another storage,
 * endpoint or key (a job choosing them could ship {@code credentials.xml}, {@code secrets/} and master.key to its own
 * bucket under a key it knows). Credentials are looked up as SYSTEM among the global and System-scoped ones; both
 * keys must be System-scoped, so no job can read them.
 *
 * @param masker masks every secret resolved here (storage keys, encryption keys)
 */
public record JenkinsHomeDestination(ResolvedStorage storage, EncryptionKey encryptionKey, EncryptionKey masterKeyKey,
                                     Integer keepLastFull, SecretMasker masker) {

    static final String WHERE = "Manage Jenkins » System » Kubernetes backup » JENKINS_HOME backups";

    public static JenkinsHomeDestination resolve(String who) throws AbortException {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        String name = config.getJenkinsHomeLocation();
        if (name == null) {
            throw new AbortException(who + ": no JENKINS_HOME backup location is configured; an administrator chooses one "
                    + "of the predefined storage locations under " + WHERE);
        }
        PredefinedLocation location = config.location(name).orElseThrow(() -> new AbortException(who
                + ": the JENKINS_HOME backup location '" + name + "' is not one of the predefined storage locations; "
                + "an administrator fixes it under " + WHERE));
        CredentialResolver credentials = CredentialResolver.forSystem(who);
        ResolvedStorage storage = location.getLocation().resolve(new LocationContext(credentials, null, true));
        EncryptionKey key = credentials.systemEncryptionKey(config.getJenkinsHomeEncryptionCredentialsId()).orElse(null);
        EncryptionKey masterKeyKey = credentials.systemEncryptionKey(config.getJenkinsHomeMasterKeyCredentialsId()).orElse(null);
        return new JenkinsHomeDestination(storage, key, masterKeyKey, config.getJenkinsHomeKeepFull(), credentials.masker());
    }

    /** "to/from WHERE, encrypted or not; master.key ..." for logs. */
    public String describe() {
        return storage.describe() + (encryptionKey != null ? ", encrypted" : ", not encrypted")
                + (masterKeyKey != null ? "; master.key stored separately, encrypted" : "; master.key not stored");
    }
}
