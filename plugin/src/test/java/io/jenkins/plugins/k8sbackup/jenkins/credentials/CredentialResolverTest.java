package io.jenkins.plugins.k8sbackup.jenkins.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentialsStore;
import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.testing.KeyStores;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.storage.S3KeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3, encryption and etcd credential paths: each accepted type, missing ids, wrong types, masking. */
class CredentialResolverTest {
    static final String HEX_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path tmp;
    StepHarness h;
    CredentialResolver credentials;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "backup", 3);
        credentials = new CredentialResolver(h.run, "k8sBackup");
    }

    @Test
    void awsCredentialsGiveTheirResolvedKeysIncludingASessionToken() throws Exception {
        h.credentials(new TestCreds.Aws("aws", "AKIAEXAMPLE", "wJalrXUtnFEMI-secret", "session-token-xyz"));

        S3KeyPair keys = credentials.s3("aws").orElseThrow();

        assertThat(keys.accessKeyId()).isEqualTo("AKIAEXAMPLE");
        assertThat(keys.secretKey()).isEqualTo("wJalrXUtnFEMI-secret");
        assertThat(keys.sessionToken()).isEqualTo("session-token-xyz");
        assertThat(keys.toString()).doesNotContain("wJalrXUtnFEMI-secret");
        assertThat(credentials.masker().mask("wJalrXUtnFEMI-secret / session-token-xyz")).isEqualTo("**** / ****");
        assertThat(TestCredentialsStore.tracked()).containsExactly("aws@3");
    }

    @Test
    void awsCredentialsWithoutKeysFallBackToTheDefaultChain() throws Exception {
        h.credentials(new TestCreds.Aws("role-only", null, null, null));

        assertThat(credentials.s3("role-only")).isEmpty();
        assertThat(TestCredentialsStore.tracked()).containsExactly("role-only@3");
    }

    @Test
    void usernamePasswordHoldsAnAccessKeyPairForS3CompatibleStores() throws Exception {
        h.credentials(new TestCreds.UserPass("minio", "minio-access", "minio-secret-key"));

        S3KeyPair keys = credentials.s3("minio").orElseThrow();

        assertThat(keys.accessKeyId()).isEqualTo("minio-access");
        assertThat(keys.secretKey()).isEqualTo("minio-secret-key");
        assertThat(keys.sessionToken()).isNull();
    }

    @Test
    void noIdMeansTheDefaultChain() throws Exception {
        assertThat(credentials.s3(null)).isEmpty();
        assertThat(credentials.s3(" ")).isEmpty();
        assertThat(TestCredentialsStore.tracked()).isEmpty();
    }

    @Test
    void s3RejectsMissingAndWrongTypes() {
        h.credentials(new TestCreds.Text("text", "some-secret-text"));

        assertThatThrownBy(() -> credentials.s3("missing")).isInstanceOf(AbortException.class)
                .hasMessageContaining("no credentials with id 'missing' for S3");
        assertThatThrownBy(() -> credentials.s3("text")).isInstanceOf(AbortException.class)
                .hasMessage("k8sBackup: credentials 'text' (secret text) cannot be used for S3; use AWS credentials or "
                        + "username/password (access key id / secret key)");
    }

    @Test
    void encryptionKeyFromSecretTextHoldingAKeyOrAPassphrase() throws Exception {
        h.credentials(new TestCreds.Text("hex", HEX_KEY), new TestCreds.Text("phrase", "correct horse battery staple"));

        EncryptionKey fromHex = credentials.encryptionKey("hex").orElseThrow();
        EncryptionKey fromPhrase = credentials.encryptionKey("phrase").orElseThrow();

        assertThat(fromHex.fingerprint()).isEqualTo(EncryptionKey.ofBytes(HexFormat.of().parseHex(HEX_KEY)).fingerprint());
        assertThat(fromPhrase.fingerprint()).isEqualTo(EncryptionKey.fromPassphrase("correct horse battery staple").fingerprint());
        assertThat(credentials.masker().mask("key " + HEX_KEY + " phrase correct horse battery staple")).isEqualTo("key **** phrase ****");
    }

    @Test
    void encryptionKeyFromASecretFile() throws Exception {
        h.credentials(new TestCreds.File("keyfile", "backup.key", (HEX_KEY + "\n").getBytes(StandardCharsets.US_ASCII)));

        assertThat(credentials.encryptionKey("keyfile").orElseThrow().fingerprint())
                .isEqualTo(EncryptionKey.decode(HEX_KEY.getBytes(StandardCharsets.US_ASCII)).fingerprint());
    }

    @Test
    void aShortPassphraseIsRefusedWithoutShowingIt() {
        h.credentials(new TestCreds.Text("weak", "hunter2x"));

        assertThatThrownBy(() -> credentials.encryptionKey("weak")).isInstanceOf(AbortException.class)
                .hasMessageContaining("encryption credentials 'weak'").hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("hunter2x");
    }

    @Test
    void encryptionRejectsWrongTypes() {
        h.credentials(new TestCreds.UserPass("up", "user", "password-1"));

        assertThatThrownBy(() -> credentials.encryptionKey("up")).isInstanceOf(AbortException.class)
                .hasMessageContaining("credentials 'up' (username/password) cannot be used for encryption");
    }

    @Test
    void etcdTlsFromACertificateCredentialAndACaFile() throws Exception {
        String ca = "-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n";
        h.credentials(new TestCreds.Cert("etcd-client", KeyStores.clientCertificate(tmp, "store-pass-1"), "store-pass-1"),
                new TestCreds.File("etcd-ca", "ca.crt", ca.getBytes(StandardCharsets.US_ASCII)));

        EtcdTls tls = EtcdCredentials.resolve(credentials, "etcd-client", null, null, "etcd-ca", null);

        assertThat(tls.caPem()).isEqualTo(ca);
        assertThat(tls.certPem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(tls.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(tls.toString()).doesNotContain("BEGIN");
        assertThat(credentials.masker().mask(tls.keyPem())).isEqualTo("****");
    }

    @Test
    void etcdTlsFromPemFilesAndRefusalsOfMixedOrNonPemInput() throws Exception {
        String cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        String key = "-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----\n";
        h.credentials(new TestCreds.File("c", "c.pem", cert.getBytes(StandardCharsets.US_ASCII)),
                new TestCreds.File("k", "k.pem", key.getBytes(StandardCharsets.US_ASCII)),
                new TestCreds.File("junk", "junk", "not pem".getBytes(StandardCharsets.US_ASCII)));

        EtcdTls tls = EtcdCredentials.resolve(credentials, null, "c", "k", null, null);
        assertThat(tls.certPem()).isEqualTo(cert);
        assertThat(tls.keyPem()).isEqualTo(key);

        assertThatThrownBy(() -> EtcdCredentials.resolve(credentials, "x", "c", "k", null, null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> EtcdCredentials.resolve(credentials, null, "c", null, null, null)).hasMessageContaining("go together");
        assertThatThrownBy(() -> EtcdCredentials.resolve(credentials, null, "junk", "k", null, null)).hasMessageContaining("do not hold PEM");
    }
}
