package io.jenkins.plugins.k8sbackup.jenkins.testing;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Credentials of each type the plugin accepts, implemented directly on the (stand-in) interfaces. Their scope is
 * GLOBAL unless a test registered the id with {@link #systemScoped} (reset by {@link #resetScopes}).
 */
public final class TestCreds {
    private static final Set<String> SYSTEM_SCOPED = ConcurrentHashMap.newKeySet();

    private TestCreds() {}

    public static <C extends IdCredentials> C systemScoped(C c) {
        SYSTEM_SCOPED.add(c.getId());
        return c;
    }

    public static void resetScopes() {
        SYSTEM_SCOPED.clear();
    }

    static CredentialsScope scopeOf(String id) {
        return SYSTEM_SCOPED.contains(id) ? CredentialsScope.SYSTEM : CredentialsScope.GLOBAL;
    }

    public record Text(String getId, String value) implements StringCredentials {
        @Override
        public Secret getSecret() {
            return Secret.fromString(value);
        }

        @Override
        public String getDescription() {
            return "secret text";
        }

        @Override
        public CredentialsScope getScope() {
            return scopeOf(getId());
        }
    }

    public record UserPass(String getId, String getUsername, String password) implements StandardUsernamePasswordCredentials {
        @Override
        public Secret getPassword() {
            return Secret.fromString(password);
        }

        @Override
        public String getDescription() {
            return "username/password";
        }

        @Override
        public CredentialsScope getScope() {
            return scopeOf(getId());
        }
    }

    public record File(String getId, String getFileName, byte[] content) implements FileCredentials {
        public static File of(String id, String text) {
            return new File(id, "kubeconfig", text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(content);
        }

        @Override
        public String getDescription() {
            return "secret file";
        }

        @Override
        public CredentialsScope getScope() {
            return scopeOf(getId());
        }
    }

    /** resolveCredentials() as aws-credentials: null when no keys (and no role) are set. */
    public record Aws(String getId, String accessKey, String secretKey, String sessionToken) implements AmazonWebServicesCredentials {
        @Override
        public AwsCredentials resolveCredentials() {
            if (accessKey == null) {
                return null;
            }
            return sessionToken == null ? AwsBasicCredentials.create(accessKey, secretKey)
                    : AwsSessionCredentials.create(accessKey, secretKey, sessionToken);
        }

        @Override
        public String getDescription() {
            return "aws";
        }

        @Override
        public CredentialsScope getScope() {
            return scopeOf(getId());
        }
    }

    public record Cert(String getId, KeyStore getKeyStore, String password) implements StandardCertificateCredentials {
        @Override
        public Secret getPassword() {
            return Secret.fromString(password);
        }

        @Override
        public String getDescription() {
            return "certificate";
        }

        @Override
        public CredentialsScope getScope() {
            return scopeOf(getId());
        }
    }
}
