package io.jenkins.plugins.k8sbackup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport;
import io.jenkins.plugins.k8sbackup.testing.OldBackups;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups of format 2 as 3ab93de wrote them (checked in) stay verifiable and restorable after format 3. */
class OldFormatsTest {
    @TempDir
    Path dir;
    RestoreTestSupport t;
    WorkloadSimulator simulator;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        simulator = new WorkloadSimulator(t.cluster.client()); // marks restored CRDs Established, as a cluster would
        for (String b : OldBackups.FORMAT2) {
            OldBackups.store(t.storage, b);
        }
    }

    @AfterEach
    void tearDown() {
        simulator.close();
        t.close();
    }

    @Test
    void everyFormat2BackupIsIntactWithItsKeyEveryEntryDecrypting() throws Exception {
        for (String b : OldBackups.FORMAT2) {
            EncryptionKey key = OldBackups.keyOf(b);
            IntegrityReport r = BackupIntegrityCheck.checkAll(t.storage, b, Optional.ofNullable(key), t.fixture.progress);
            assertThat(r.problems()).as(b).isEmpty();
            assertThat(r.objectsChecked()).as(b).isEqualTo(28);
            assertThat(r.authentication()).as(b).startsWith(key == null ? "not authenticated" : "authenticated (HMAC-SHA-256");
            assertThat(r.warnings()).as(b).isEmpty();
        }
    }

    @Test
    void format2BackupsRestoreWithTheirKeyOrTheirUnsaltedPassphrase() throws Exception {
        for (String b : OldBackups.FORMAT2) {
            t.deleteNamespaces(SampleApp.NAMESPACES);
            RestoreReport r = t.restore(RestoreSpec.builder(b).includeNamespaces(SampleApp.NAMESPACES).build(), OldBackups.keyOf(b));
            assertThat(r.status()).as(b + ": " + r.errors()).isEqualTo(RunStatus.Completed);
            assertThat(t.cluster.client().secrets().inNamespace("shop-data").withName("db-credentials").get().getData())
                    .as(b).containsKey("POSTGRES_PASSWORD");
        }
    }

    @Test
    void aFormat2BackupReadsObjectByObjectOnlyAsAWhole() throws Exception {
        try (BackupReader reader = BackupReader.open(t.storage, OldBackups.FORMAT2_ALL, Optional.of(OldBackups.FORMAT2_KEY))) {
            ObjectRecord rec = reader.index().values().iterator().next();
            assertThat(rec.frameOffset()).isNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.readObject(rec))
                    .hasMessageContaining("names no frame (format 2)");
            assertThat(reader.readAll()).hasSize(28).allMatch(BackupReader.StoredItem::ok);
        }
    }
}
