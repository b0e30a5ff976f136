package io.jenkins.plugins.k8sbackup.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.util.Json;
import org.junit.jupiter.api.Test;

/** What each kind's manifest says about encryption, read tolerantly: unknown is "?", never "none" or an error. */
class ManifestEncryptionTest {
    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static BackupEncryption read(BackupKind kind, String manifest) throws Exception {
        return ManifestEncryption.read(kind, json(manifest));
    }

    @Test
    void kubernetesModesKeysAndPassphrases() throws Exception {
        assertThat(read(BackupKind.KUBERNETES, "{'formatVersion':3,'encryption':{'mode':'none','encryptedObjects':0}}"))
                .isEqualTo(BackupEncryption.NONE);
        BackupEncryption keyed = read(BackupKind.KUBERNETES,
                "{'formatVersion':3,'encryption':{'mode':'secrets','keyFingerprint':'0123456789abcdef','encryptedObjects':2}}");
        assertThat(keyed).isEqualTo(new BackupEncryption("secrets", "key", "0123456789abcdef"));
        assertThat(keyed.text()).isEqualTo("secrets key 01234567");
        BackupEncryption phrase = read(BackupKind.KUBERNETES, "{'formatVersion':3,'encryption':{'mode':'all',"
                + "'keyFingerprint':'0123456789abcdef','keyDerivation':{'algorithm':'PBKDF2WithHmacSHA256','salt':'c2FsdHNhbHRzYWx0c2FsdA==','iterations':600000}}}");
        assertThat(phrase).isEqualTo(new BackupEncryption("all", "passphrase", "0123456789abcdef"));
        assertThat(phrase.text()).isEqualTo("all (passphrase)");
    }

    @Test
    void beforeFormatThreeAKeyCannotBeToldFromAPassphrase() throws Exception {
        BackupEncryption old = read(BackupKind.KUBERNETES,
                "{'formatVersion':2,'encryption':{'mode':'secrets','keyFingerprint':'0123456789abcdef'}}");
        assertThat(old.keySource()).isEqualTo("?");
        assertThat(old.text()).isEqualTo("secrets key 01234567");
    }

    @Test
    void missingOrOddFieldsAreUnknownNotNone() throws Exception {
        assertThat(read(BackupKind.KUBERNETES, "{'formatVersion':3}").text()).isEqualTo("?");
        assertThat(read(BackupKind.KUBERNETES, "{'encryption':{'mode':'rot13'}}").text()).isEqualTo("?");
        assertThat(read(BackupKind.KUBERNETES, "{'encryption':'all'}").text()).isEqualTo("?");
        assertThat(read(BackupKind.JENKINS_HOME, "{'name':'h'}").text()).isEqualTo("?");
        assertThat(read(BackupKind.ETCD, "{'encrypted':'yes'}").text()).isEqualTo("?");
        assertThat(ManifestEncryption.read(BackupKind.ETCD, null).text()).isEqualTo("?");
    }

    @Test
    void jenkinsHomeAndEtcdFromTheirOwnFields() throws Exception {
        assertThat(read(BackupKind.JENKINS_HOME, "{'encryptionKeyFingerprint':null}")).isEqualTo(BackupEncryption.NONE);
        assertThat(read(BackupKind.JENKINS_HOME, "{'encryptionKeyFingerprint':'0123456789abcdef'}").text())
                .isEqualTo("all key 01234567");
        assertThat(read(BackupKind.ETCD, "{'encrypted':false}")).isEqualTo(BackupEncryption.NONE);
        assertThat(read(BackupKind.ETCD, "{'encrypted':true,'keyFingerprint':'0123456789abcdef'}"))
                .isEqualTo(new BackupEncryption("all", "?", "0123456789abcdef"));
    }

    @Test
    void somethingOtherThanAFingerprintInItsPlaceIsNotShown() throws Exception {
        BackupEncryption e = read(BackupKind.JENKINS_HOME, "{'encryptionKeyFingerprint':'not a fingerprint: s3cr3t'}");
        assertThat(e.mode()).isEqualTo("all");
        assertThat(e.keyFingerprint()).isNull();
        assertThat(e.text()).isEqualTo("all");
    }

    @Test
    void theHeaderIsReadEvenWhenTheEncryptionObjectHasAnUnexpectedShape() throws Exception {
        JsonNode manifest = json("{'formatVersion':3,'name':'b','status':'Completed','encryption':'garbage'}");
        ManifestHeader h = Json.MAPPER.convertValue(manifest, ManifestHeader.class);
        assertThat(h.name()).isEqualTo("b");
        assertThat(h.encryption()).isNull();
    }
}
