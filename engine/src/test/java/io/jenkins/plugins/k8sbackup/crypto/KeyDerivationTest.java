package io.jenkins.plugins.k8sbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Passphrases: PBKDF2 with a salt per backup for new backups, the old unsalted SHA-256 for old ones, no cheap test. */
class KeyDerivationTest {
    static final String PASSPHRASE = "correct horse battery staple 42";

    @Test
    void aNewBackupGetsAFreshSaltAndOwaspIterations() {
        EncryptionKey phrase = EncryptionKey.fromPassphrase(PASSPHRASE);
        EncryptionKey first = phrase.forNewBackup();
        EncryptionKey second = phrase.forNewBackup();

        assertThat(first.keyDerivation().algorithm()).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(first.keyDerivation().iterations()).isEqualTo(600_000);
        assertThat(Base64.getDecoder().decode(first.keyDerivation().salt())).hasSize(16);
        assertThat(first.keyDerivation().salt()).isNotEqualTo(second.keyDerivation().salt());
        assertThat(first.fingerprint()).isNotEqualTo(second.fingerprint()).isNotEqualTo(phrase.fingerprint());
        // the same passphrase and recorded parameters give the same key (a restore elsewhere)
        assertThat(EncryptionKey.fromPassphrase(PASSPHRASE).forBackup(first.keyDerivation()).fingerprint())
                .isEqualTo(first.fingerprint());
        assertThat(EncryptionKey.fromPassphrase("another passphrase, long enough").forBackup(first.keyDerivation())
                .fingerprint()).isNotEqualTo(first.fingerprint());
    }

    @Test
    void theDerivedKeyIsPbkdf2HmacSha256AsSpecified() {
        byte[] s = "sixteen byte salt".getBytes(StandardCharsets.US_ASCII);
        KeyDerivation d = new KeyDerivation(KeyDerivation.PBKDF2_SHA256, Base64.getEncoder().encodeToString(s), 100_000);
        // PBKDF2 (RFC 8018) with one block: U1 = HMAC(P, S || INT(1)), Ui = HMAC(P, Ui-1), T = U1 ^ ... ^ Uc
        byte[] p = PASSPHRASE.getBytes(StandardCharsets.UTF_8);
        byte[] block = Arrays.copyOf(s, s.length + 4);
        block[block.length - 1] = 1;
        byte[] u = Hkdf.hmac(p, block);
        byte[] t = u.clone();
        for (int i = 1; i < 100_000; i++) {
            u = Hkdf.hmac(p, u);
            for (int j = 0; j < t.length; j++) {
                t[j] ^= u[j];
            }
        }
        assertThat(HexFormat.of().formatHex(d.derive(PASSPHRASE.toCharArray()))).isEqualTo(HexFormat.of().formatHex(t));
    }

    @Test
    void oldBackupsKeepTheUnsaltedDerivation() throws Exception {
        EncryptionKey phrase = EncryptionKey.fromPassphrase(PASSPHRASE);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(PASSPHRASE.getBytes(StandardCharsets.UTF_8));
        assertThat(phrase.forBackup(null)).isSameAs(phrase);
        assertThat(phrase.fingerprint()).isEqualTo(EncryptionKey.ofBytes(sha).fingerprint());
    }

    @Test
    void recordedParametersOutOfBoundsAreRefused() {
        EncryptionKey phrase = EncryptionKey.fromPassphrase(PASSPHRASE);
        String salt = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> phrase.forBackup(new KeyDerivation(KeyDerivation.PBKDF2_SHA256, salt, 1000)))
                .hasMessageContaining("1000 iterations refused");
        assertThatThrownBy(() -> phrase.forBackup(new KeyDerivation("scrypt", salt, 600_000)))
                .hasMessageContaining("unknown key derivation 'scrypt'");
        assertThatThrownBy(() -> phrase.forBackup(new KeyDerivation(KeyDerivation.PBKDF2_SHA256, "c2hvcnQ=", 600_000)))
                .hasMessageContaining("shorter than 16 bytes");
    }

    @Test
    void neitherDescriptionNorToStringRevealThePassphraseOrTheUnsaltedFingerprint() {
        EncryptionKey phrase = EncryptionKey.fromPassphrase(PASSPHRASE);
        for (String shown : new String[] {phrase.describe(), phrase.toString(), phrase.forNewBackup().toString()}) {
            assertThat(shown).doesNotContain(PASSPHRASE).doesNotContain(phrase.fingerprint());
        }
        assertThat(phrase.describe()).contains("PBKDF2-HMAC-SHA256").contains("salted per backup");
        // a key given as such is still shown by its fingerprint
        EncryptionKey raw = EncryptionKey.ofBytes(Arrays.copyOf(new byte[] {1}, 32));
        assertThat(raw.forNewBackup()).isSameAs(raw);
        assertThat(raw.describe()).isEqualTo("key " + raw.fingerprint());
    }
}
