package jenkins.authentication.tokens.api;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuth;
import org.jenkinsci.plugins.kubernetes.auth.impl.KubernetesAuthKeystore;
import org.jenkinsci.plugins.kubernetes.auth.impl.KubernetesAuthKubeconfig;
import org.jenkinsci.plugins.kubernetes.auth.impl.KubernetesAuthToken;
import org.jenkinsci.plugins.kubernetes.auth.impl.KubernetesAuthUsernamePassword;
import org.jenkinsci.plugins.kubernetes.credentials.TokenProducer;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Stand-in: instead of looking up {@code AuthenticationTokenSource} extensions, converts to
 * {@link KubernetesAuth} the way kubernetes-credentials' token sources do (FileCredentials -> kubeconfig,
 * StringCredentials -> token, username/password -> token producer or basic auth, certificate -> keystore).
 */
public final class AuthenticationTokens {
    private AuthenticationTokens() {
    }

    public static <T> CredentialsMatcher matcher(Class<T> tokenClass) {
        return c -> convert(tokenClass, c) != null;
    }

    public static <T, C extends Credentials> T convert(Class<T> type, C credentials) {
        if (type != KubernetesAuth.class || credentials == null) {
            return null;
        }
        Object auth = null;
        try {
            if (credentials instanceof FileCredentials f) {
                try (var in = f.getContent()) {
                    auth = new KubernetesAuthKubeconfig(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            } else if (credentials instanceof StringCredentials s) {
                auth = new KubernetesAuthToken((url, ca, skip) -> s.getSecret().getPlainText());
            } else if (credentials instanceof TokenProducer p) {
                auth = new KubernetesAuthToken(p);
            } else if (credentials instanceof StandardUsernamePasswordCredentials u) {
                auth = new KubernetesAuthUsernamePassword(u.getUsername(), u.getPassword());
            } else if (credentials instanceof StandardCertificateCredentials c) {
                auth = new KubernetesAuthKeystore(c.getKeyStore(), c.getPassword());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return type.cast(auth);
    }
}
