package io.jenkins.plugins.k8sbackup.jenkins.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.SecretMasker;
import io.jenkins.plugins.k8sbackup.storage.S3KeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Looks credentials up on the controller for one build, as the build's authentication may use them
 * ({@link CredentialsProvider#findCredentialById}), records their use ({@link CredentialsProvider#track}),
 * and remembers every secret value it hands out so that logs and errors can mask them.
 */
public final class CredentialResolver {
    private final Run<?, ?> run;
    private final String stepName;
    private SecretMasker masker = SecretMasker.none();

    public CredentialResolver(Run<?, ?> run, String stepName) {
        this.run = run;
        this.stepName = stepName;
    }

    /**
     * For work no build runs (the periodic JENKINS_HOME backup): global credentials, looked up as SYSTEM. Only
     * administrators configure which ids it uses.
     */
    public static CredentialResolver forSystem(String purpose) {
        return new CredentialResolver(null, purpose);
    }

    public SecretMasker masker() {
        return masker;
    }

    public void addSecrets(String... values) {
        masker = masker.with(values);
    }

    /** Also masks what another resolver handed out (e.g. the administrator's JENKINS_HOME keys in a step's log). */
    public void maskAlso(SecretMasker other) {
        masker = masker.with(other);
    }

    public String stepName() {
        return stepName;
    }

    /** The credential with this id, tracked; a clear error when it does not exist or this build may not use it. */
    public StandardCredentials require(String id, String purpose) throws AbortException {
        return require(id, purpose, List.of());
    }

    /**
     * The same, for a credential used against a server: {@code requirements} (e.g. from the API server URL or the
     * S3 endpoint) let credentials domains restrict which credential may go where, as kubernetes-cli does.
     */
    public StandardCredentials require(String id, String purpose, List<DomainRequirement> requirements) throws AbortException {
        if (id == null || id.isBlank()) {
            throw new AbortException(stepName + ": " + purpose + " credentials id is empty");
        }
        StandardCredentials c = run != null ? CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, requirements)
                : CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(StandardCredentials.class,
                        Jenkins.get(), ACL.SYSTEM2), CredentialsMatchers.withId(id));
        if (c == null) {
            throw new AbortException(stepName + ": no credentials with id '" + id + "' for " + purpose
                    + " (it does not exist, or this build is not allowed to use it)");
        }
        if (run != null) {
            CredentialsProvider.track(run, c);
        }
        return c;
    }

    public AbortException wrongType(String id, StandardCredentials c, String purpose, String expected) {
        return new AbortException(stepName + ": credentials '" + id + "' (" + kindOf(c) + ") cannot be used for " + purpose
                + "; use " + expected);
    }

    /**
     * S3 keys: aws-credentials' AWS credentials (SDK v2 {@code resolveCredentials()}, including an assumed
     * role), or username/password holding an access key pair (S3-compatible stores). Empty = no id given, or
     * an AWS credential without keys: the agent uses the SDK default chain (environment, profile, IRSA, instance role).
     */
    public Optional<S3KeyPair> s3(String id) throws AbortException {
        return s3(id, null);
    }

    /** The same for a store at {@code endpoint} (null: AWS itself), whose URI the credential's domain must fit. */
    public Optional<S3KeyPair> s3(String id, String endpoint) throws AbortException {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        StandardCredentials c = require(id, "S3", Forms.domainRequirements(endpoint));
        S3KeyPair keys;
        if (c instanceof AmazonWebServicesCredentials aws) {
            AwsCredentials resolved;
            try {
                resolved = aws.resolveCredentials();
            } catch (RuntimeException e) {
                throw new AbortException(stepName + ": AWS credentials '" + id + "' could not be resolved: "
                        + masker.mask(String.valueOf(e.getMessage())));
            }
            if (resolved == null) {
                return Optional.empty();
            }
            String token = resolved instanceof AwsSessionCredentials s ? s.sessionToken() : null;
            keys = new S3KeyPair(resolved.accessKeyId(), resolved.secretAccessKey(), token, "AWS credentials '" + id + "'");
        } else if (c instanceof StandardUsernamePasswordCredentials up) {
            String secret = up.getPassword().getPlainText();
            if (up.getUsername() == null || up.getUsername().isBlank() || secret.isBlank()) {
                throw new AbortException(stepName + ": credentials '" + id
                        + "' must hold the access key id as username and the secret key as password");
            }
            keys = new S3KeyPair(up.getUsername(), secret, null, "access key credentials '" + id + "'");
        } else {
            throw wrongType(id, c, "S3", "AWS credentials or username/password (access key id / secret key)");
        }
        addSecrets(keys.secrets());
        return Optional.of(keys);
    }

    /**
     * The backup encryption key: secret text holding a key (64 hex digits or base64 of 32 bytes) or a
     * passphrase of at least 16 characters, or a secret file holding the key.
     */
    public Optional<EncryptionKey> encryptionKey(String id) throws AbortException {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(toKey(id, require(id, "encryption")));
    }

    /**
     * An encryption key that must be System-scoped: jobs cannot read those, so a job that can read the backups still
     * cannot decrypt them (the JENKINS_HOME keys, which protect every secret of Jenkins).
     */
    public Optional<EncryptionKey> systemEncryptionKey(String id) throws AbortException {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        StandardCredentials c = require(id, "encryption");
        if (c.getScope() != CredentialsScope.SYSTEM) {
            throw new AbortException(stepName + ": encryption credentials '" + id + "' must be System-scoped (scope "
                    + c.getScope() + " lets jobs read the key, and with it every secret in the JENKINS_HOME backups)");
        }
        return Optional.of(toKey(id, c));
    }

    private EncryptionKey toKey(String id, StandardCredentials c) throws AbortException {
        try {
            if (c instanceof StringCredentials s) {
                String text = s.getSecret().getPlainText();
                addSecrets(text);
                return EncryptionKey.fromPassphrase(text);
            }
            if (c instanceof FileCredentials f) {
                byte[] material;
                try (InputStream in = f.getContent()) {
                    material = in.readAllBytes();
                }
                addSecrets(new String(material, StandardCharsets.US_ASCII).strip());
                return EncryptionKey.decode(material);
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new AbortException(stepName + ": encryption credentials '" + id + "': " + masker.mask(e.getMessage()));
        }
        throw wrongType(id, c, "encryption", "secret text (key or passphrase) or a secret file (key)");
    }

    /** The text of a secret text credential, masked in the log from now on. */
    public String secretText(String id, String purpose) throws AbortException {
        StandardCredentials c = require(id, purpose);
        if (c instanceof StringCredentials s) {
            String text = s.getSecret().getPlainText();
            addSecrets(text);
            return text;
        }
        throw wrongType(id, c, purpose, "secret text");
    }

    public static String kindOf(StandardCredentials c) {
        if (c instanceof AmazonWebServicesCredentials) {
            return "AWS credentials";
        }
        if (c instanceof StandardUsernamePasswordCredentials) {
            return "username/password";
        }
        if (c instanceof StringCredentials) {
            return "secret text";
        }
        if (c instanceof FileCredentials) {
            return "secret file";
        }
        if (c instanceof com.cloudbees.plugins.credentials.common.StandardCertificateCredentials) {
            return "certificate";
        }
        return c.getClass().getSimpleName();
    }
}
