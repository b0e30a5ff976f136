package io.jenkins.plugins.k8sbackup.jenkinshome;

import static io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeFixture.expected;
import static io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeFixture.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsHomeBackupTest {
    @TempDir
    Path tmp;
    Path home;
    LocalDirectoryStorage storage;

    @BeforeEach
    void setUp() throws IOException {
        home = JenkinsHomeFixture.create(tmp.resolve("home"));
        storage = new LocalDirectoryStorage(tmp.resolve("store"));
    }

    private JenkinsBackupOptions.Builder options() {
        return JenkinsBackupOptions.builder(home);
    }

    private JenkinsRestoreReport restore(String name, Path target) throws IOException {
        return JenkinsHomeRestore.restore(JenkinsRestoreOptions.builder(name, target).build(), storage, null);
    }

    @Test
    void fullRoundTripGivesTheSelectedTreeByteForByte() throws IOException {
        JenkinsBackupResult r = JenkinsHomeBackup.run(options().name("full-1")
                .selection(new SelectionSpec(true, null, null, false, List.of(), List.of())).build(), storage, null);

        assertThat(r.status()).isEqualTo(BackupStatus.Completed);
        assertThat(r.mode()).isEqualTo(BackupMode.FULL);
        Map<String, String> source = tree(home, expected(true));
        assertThat(source).containsKeys("jobs/folder/jobs/inner2/jobs/deep/config.xml", "jobs/alpha/builds/3/log",
                "credentials.xml", "secrets/hudson.util.Secret", "users/admin_123/config.xml", "nodes/agent-1/config.xml",
                "jobs/builds/config.xml", "jobs/builds/builds/1/build.xml", "secret.key");
        assertThat(r.fileCount()).isEqualTo(source.size());

        Path target = tmp.resolve("restored");
        JenkinsRestoreReport report = restore("full-1", target);
        assertThat(report.status()).isEqualTo(BackupStatus.Completed);
        assertThat(report.errors()).isEmpty();
        Map<String, String> restored = tree(target, rel -> !rel.equals("plugins.txt"));
        assertThat(restored).isEqualTo(source);
        JenkinsHomeFixture.assertSameBytes(home, target, source.keySet());
        assertThat(Files.readString(target.resolve("plugins.txt")).lines().filter(l -> !l.startsWith("#")))
                .containsExactly("credentials:1415.v831096eb_5534", "git:5.2.1", "workflow-job:1540.v295eccc9778f");
        assertThat(Files.getPosixFilePermissions(target.resolve("config.xml")))
                .isEqualTo(Files.getPosixFilePermissions(home.resolve("config.xml")));
    }

    @Test
    void defaultSelectionLeavesOutBuildsWorkspacesCachesAndPlugins() throws IOException {
        JenkinsBackupResult r = JenkinsHomeBackup.run(options().name("defaults").build(), storage, null);

        List<String> entries = archiveEntries("defaults", null);
        assertThat(entries).containsExactlyInAnyOrderElementsOf(tree(home, expected(false)).keySet());
        assertThat(entries).noneMatch(e -> e.contains("builds/1/") || e.startsWith("workspace/") || e.contains("/workspace/")
                || e.startsWith("plugins/") || e.startsWith("caches/") || e.startsWith("fingerprints/") || e.equals(".owner"));
        assertThat(r.pluginCount()).isEqualTo(3);
        assertThat(r.toMap()).containsEntry("name", "defaults").containsEntry("mode", "full")
                .containsEntry("fileCount", entries.size()).containsKey("warnings");
        assertThat(Json.MAPPER.writeValueAsString(r)).contains("\"masterKey\":\"not-backed-up\"");
    }

    @Test
    void includeAndExcludeGlobsTuneTheSelection() throws IOException {
        JenkinsBackupOptions o = options().name("globs").selection(new SelectionSpec(false, null, null, true,
                List.of("fingerprints/**"), List.of("users/**", "**/nextBuildNumber"))).build();
        JenkinsHomeBackup.run(o, storage, null);

        List<String> entries = archiveEntries("globs", null);
        assertThat(entries).contains("fingerprints/ab/cd/0123.xml", "plugins/git.jpi", "plugins/credentials.hpi")
                .noneMatch(e -> e.startsWith("users/") || e.endsWith("nextBuildNumber") || e.startsWith("plugins/git/"));
        assertThatThrownBy(() -> new SelectionSpec(false, null, null, false, List.of("/etc/**"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative to JENKINS_HOME");
    }

    @Test
    void buildRecordsAreLimitedByAgeAndSizeNewestFirst() throws IOException {
        for (int b = 1; b <= 3; b++) {
            try (Stream<Path> files = Files.list(home.resolve("jobs/alpha/builds/" + b))) {
                for (Path f : files.toList()) {
                    JenkinsHomeFixture.age(f, Duration.ofDays(40 - 10L * b)); // build 3 newest (10 days)
                }
            }
        }
        JenkinsHomeBackup.run(options().name("aged").selection(new SelectionSpec(true, Duration.ofDays(25), null,
                false, List.of(), List.of())).build(), storage, null);
        assertThat(archiveEntries("aged", null)).contains("jobs/alpha/builds/3/log", "jobs/alpha/builds/2/build.xml")
                .doesNotContain("jobs/alpha/builds/1/build.xml");

        JenkinsBackupResult sized = JenkinsHomeBackup.run(options().name("sized").selection(new SelectionSpec(true, null,
                1024L, false, List.of(), List.of())).build(), storage, null);
        assertThat(archiveEntries("sized", null)).noneMatch(e -> e.contains("/builds/3/"));
        assertThat(sized.notes()).anyMatch(n -> n.contains("skipped by the age/size limits"));
    }

    @Test
    void diffStoresOnlyContentChangesAndRecordsDeletions() throws IOException {
        JenkinsBackupResult full = JenkinsHomeBackup.run(options().name("f1").build(), storage, null);
        Files.writeString(home.resolve("jobs/alpha/config.xml"), "<flow-definition>changed</flow-definition>");
        byte[] same = Files.readAllBytes(home.resolve("credentials.xml"));
        Files.write(home.resolve("credentials.xml"), same); // new mtime and ctime, same content
        Files.delete(home.resolve("jobs/folder/jobs/inner/config.xml"));
        JenkinsHomeFixture.write(home, "jobs/new-job/config.xml", "<project/>");

        JenkinsBackupResult diff = JenkinsHomeBackup.run(options().name("d1").build(), storage, null);

        assertThat(diff.mode()).isEqualTo(BackupMode.DIFF);
        assertThat(diff.baseFull()).isEqualTo("f1");
        assertThat(archiveEntries("d1", null)).containsExactlyInAnyOrder("jobs/alpha/config.xml", "jobs/new-job/config.xml");
        assertThat(diff.deletionCount()).isEqualTo(1);
        JenkinsManifest m = new JenkinsBackupSets(storage).require("d1");
        assertThat(m.deletions()).containsExactly("jobs/folder/jobs/inner/config.xml");
        assertThat(diff.unchangedCount()).isEqualTo(full.fileCount() - 2);

        // restore of the diff into a fresh directory = the home as it is now
        Path fresh = tmp.resolve("fresh");
        assertThat(restore("d1", fresh).status()).isEqualTo(BackupStatus.Completed);
        assertThat(tree(fresh, rel -> !rel.equals("plugins.txt"))).isEqualTo(tree(home, expected(false)));

        // restore of the diff over a restore of the full applies the deletion
        Path over = tmp.resolve("over");
        restore("f1", over);
        assertThat(over.resolve("jobs/folder/jobs/inner/config.xml")).exists();
        JenkinsRestoreReport r = restore("d1", over);
        assertThat(r.deleted()).isEqualTo(1);
        assertThat(r.overwritten()).isEqualTo(1);
        assertThat(r.created()).isEqualTo(1);
        assertThat(over.resolve("jobs/folder/jobs/inner/config.xml")).doesNotExist();
        assertThat(tree(over, rel -> !rel.equals("plugins.txt"))).isEqualTo(tree(home, expected(false)));
    }

    @Test
    void diffRehashesLargeFilesAndStoresOnlyRealChanges() throws IOException {
        SelectionSpec builds = new SelectionSpec(true, null, null, false, List.of(), List.of());
        JenkinsHomeBackup.run(options().name("f1").selection(builds).build(), storage, null);
        Path log = home.resolve("jobs/alpha/builds/3/log");
        Files.write(log, Files.readAllBytes(log)); // touched, same 5 MiB content
        JenkinsBackupResult noChange = JenkinsHomeBackup.run(options().name("d1").selection(builds).build(), storage, null);
        assertThat(noChange.fileCount()).isZero();

        Files.writeString(log, "appended line\n", java.nio.file.StandardOpenOption.APPEND);
        JenkinsBackupResult changed = JenkinsHomeBackup.run(options().name("d2").selection(builds).rehashAll(true).build(), storage, null);
        assertThat(archiveEntries("d2", null)).containsExactly("jobs/alpha/builds/3/log");
        Path target = tmp.resolve("t");
        restore("d2", target);
        assertThat(Files.mismatch(log, target.resolve("jobs/alpha/builds/3/log"))).isEqualTo(-1);
        assertThat(changed.deletionCount()).isZero();
    }

    @Test
    void autoMakesAFullFirstThenDiffsAndExplicitDiffNeedsAFull() throws IOException {
        assertThatThrownBy(() -> JenkinsHomeBackup.run(options().mode(BackupMode.DIFF).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class).hasMessageContaining("no complete full");
        assertThat(JenkinsHomeBackup.run(options().name("a1").build(), storage, null).mode()).isEqualTo(BackupMode.FULL);
        assertThat(JenkinsHomeBackup.run(options().name("a2").build(), storage, null).mode()).isEqualTo(BackupMode.DIFF);
        // a different selection is not comparable: auto falls back to a full
        JenkinsBackupResult other = JenkinsHomeBackup.run(options().name("a3")
                .selection(new SelectionSpec(true, null, null, false, List.of(), List.of())).build(), storage, null);
        assertThat(other.mode()).isEqualTo(BackupMode.FULL);
        assertThatThrownBy(() -> JenkinsHomeBackup.run(options().name("a1").build(), storage, null))
                .hasMessageContaining("already exists");
    }

    @Test
    void masterKeyIsNeverInTheMainArchiveAndCanBeStoredSeparately() throws IOException {
        EncryptionKey mk = EncryptionKey.fromPassphrase("master-key-wrapping-passphrase");
        JenkinsBackupResult r = JenkinsHomeBackup.run(options().name("mk").masterKeyEncryptionKey(mk).build(), storage, null);

        assertThat(r.masterKey()).isEqualTo(MasterKeyHandling.STORED_SEPARATELY);
        assertThat(archiveEntries("mk", null)).doesNotContain("secrets/master.key").contains("secrets/hudson.util.Secret");
        assertThat(new String(decompressedArchive("mk", null), StandardCharsets.ISO_8859_1)).doesNotContain(JenkinsHomeFixture.MASTER_KEY);
        String key = "jenkins-master-keys/mk/master.key.enc";
        assertThat(new String(AesGcm.decrypt(mk, storage.read(key), key), StandardCharsets.UTF_8)).isEqualTo(JenkinsHomeFixture.MASTER_KEY);
        assertThat(storage.list("jenkins/mk/")).noneMatch(o -> o.key().contains("master"));

        Path target = tmp.resolve("t");
        JenkinsRestoreReport without = restore("mk", target);
        assertThat(target.resolve("secrets/master.key")).doesNotExist();
        assertThat(without.masterKey()).contains("not restored");
        JenkinsRestoreReport with = JenkinsHomeRestore.restore(JenkinsRestoreOptions.builder("mk", target)
                .masterKeyEncryptionKey(mk).build(), storage, null);
        assertThat(target.resolve("secrets/master.key")).hasContent(JenkinsHomeFixture.MASTER_KEY);
        assertThat(with.masterKey()).contains("restored from");

        // a diff made without the master key's key restores the master.key stored with its full
        Files.writeString(home.resolve("config.xml"), "<changed/>");
        JenkinsBackupResult diff = JenkinsHomeBackup.run(options().name("mk-diff").build(), storage, null);
        assertThat(diff.masterKey()).isEqualTo(MasterKeyHandling.NOT_BACKED_UP);
        Path target2 = tmp.resolve("t2");
        JenkinsHomeRestore.restore(JenkinsRestoreOptions.builder("mk-diff", target2).masterKeyEncryptionKey(mk).build(), storage, null);
        assertThat(target2.resolve("secrets/master.key")).hasContent(JenkinsHomeFixture.MASTER_KEY);
        assertThat(target2.resolve("config.xml")).hasContent("<changed/>");

        JenkinsBackupResult none = JenkinsHomeBackup.run(options().name("nomk").mode(BackupMode.FULL).build(), storage, null);
        assertThat(none.masterKey()).isEqualTo(MasterKeyHandling.NOT_BACKED_UP);
        assertThat(storage.list("jenkins-master-keys/nomk/")).isEmpty();
        assertThat(none.notes()).anyMatch(n -> n.contains("master.key was not backed up"));
    }

    @Test
    void encryptedBackupStoresNoPlaintextAndNeedsItsKey() throws IOException {
        EncryptionKey key = EncryptionKey.fromPassphrase("correct horse battery staple!");
        EncryptionKey mk = EncryptionKey.fromPassphrase("another passphrase for master.key");
        JenkinsBackupResult r = JenkinsHomeBackup.run(options().name("enc").encryptionKey(key).masterKeyEncryptionKey(mk)
                .selection(new SelectionSpec(true, null, null, false, List.of(), List.of())).build(), storage, null);
        assertThat(r.encryptionKeyFingerprint()).isEqualTo(key.fingerprint());
        Files.writeString(home.resolve("credentials.xml"), "<credentials><secret>" + JenkinsHomeFixture.SECRET + "-v2</secret></credentials>");
        Files.delete(home.resolve("users/admin_123/config.xml"));
        JenkinsHomeBackup.run(options().name("enc-d").encryptionKey(key).masterKeyEncryptionKey(mk)
                .selection(new SelectionSpec(true, null, null, false, List.of(), List.of())).build(), storage, null);

        try (Stream<Path> stored = Files.walk(storage.root())) {
            for (Path p : stored.filter(Files::isRegularFile).toList()) {
                String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertThat(raw).as(p.toString()).doesNotContain(JenkinsHomeFixture.SECRET)
                        .doesNotContain(JenkinsHomeFixture.MASTER_KEY).doesNotContain("compiling module")
                        .doesNotContain("users/admin_123");
            }
        }
        Path target = tmp.resolve("t");
        assertThatThrownBy(() -> restore("enc-d", target)).isInstanceOf(JenkinsHomeException.class)
                .hasMessageContaining("encrypted").hasMessageContaining(key.fingerprint());
        assertThatThrownBy(() -> JenkinsHomeRestore.restore(JenkinsRestoreOptions.builder("enc-d", target)
                .encryptionKey(EncryptionKey.fromPassphrase("a wrong passphrase, long enough")).build(), storage, null))
                .hasMessageContaining("not with the given key");
        JenkinsRestoreReport ok = JenkinsHomeRestore.restore(JenkinsRestoreOptions.builder("enc-d", target)
                .encryptionKey(key).build(), storage, null);
        assertThat(ok.status()).isEqualTo(BackupStatus.Completed);
        assertThat(tree(target, rel -> !rel.equals("plugins.txt"))).isEqualTo(tree(home, expected(true)));
    }

    @Test
    void aFileChangingDuringTheReadIsReadAgainThenWarned() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        FileAccess changesOnce = new FileAccess() {
            @Override
            public InputStream open(String rel, Path file) throws IOException {
                return FileAccess.DIRECT.open(rel, file);
            }

            @Override
            public void afterRead(String rel, Path file) throws IOException {
                if (rel.equals("jobs/alpha/config.xml") && reads.incrementAndGet() == 1) {
                    Files.writeString(file, "<second-version/>");
                }
            }
        };
        JenkinsBackupResult once = JenkinsHomeBackup.run(options().name("once").build(), storage, null, changesOnce);
        assertThat(once.status()).isEqualTo(BackupStatus.Completed);
        assertThat(reads).hasValue(2);
        Path t1 = tmp.resolve("t1");
        restore("once", t1);
        assertThat(t1.resolve("jobs/alpha/config.xml")).hasContent("<second-version/>");

        FileAccess alwaysChanging = new FileAccess() {
            @Override
            public InputStream open(String rel, Path file) throws IOException {
                return FileAccess.DIRECT.open(rel, file);
            }

            @Override
            public void afterRead(String rel, Path file) throws IOException {
                if (rel.equals("jobs/alpha/builds/3/log") || rel.equals("users/users.xml")) {
                    Files.writeString(file, "more\n", java.nio.file.StandardOpenOption.APPEND);
                }
            }
        };
        JenkinsBackupResult busy = JenkinsHomeBackup.run(options().name("busy").mode(BackupMode.FULL)
                .selection(new SelectionSpec(true, null, null, false, List.of(), List.of())).build(), storage, null, alwaysChanging);
        assertThat(busy.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(busy.warnings()).hasSize(2).allMatch(w -> w.contains("changed while being read"));
        // the large log was streamed twice: restore takes the entry the index names and still passes integrity
        Path t2 = tmp.resolve("t2");
        JenkinsRestoreReport r = restore("busy", t2);
        assertThat(r.errors()).isEmpty();
        assertThat(Files.size(t2.resolve("jobs/alpha/builds/3/log"))).isGreaterThanOrEqualTo(JenkinsHomeFixture.BIG_LOG_BYTES);
    }

    @Test
    void anUnreadableFileIsAWarningUnlessFailFast() throws IOException {
        FileAccess broken = (rel, file) -> {
            if (rel.equals("nodes/agent-1/config.xml")) {
                // replaced by a directory between listing and reading
                Files.delete(file);
                Files.createDirectory(file);
            }
            return FileAccess.DIRECT.open(rel, file);
        };
        JenkinsBackupResult r = JenkinsHomeBackup.run(options().name("warn").build(), storage, null, broken);
        assertThat(r.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(r.warnings()).singleElement().asString().contains("could not read nodes/agent-1/config.xml");
        assertThat(archiveEntries("warn", null)).doesNotContain("nodes/agent-1/config.xml").contains("config.xml");

        Files.delete(home.resolve("nodes/agent-1/config.xml"));
        JenkinsHomeFixture.write(home, "nodes/agent-1/config.xml", "<slave/>");
        FileAccess unreadable = (rel, file) -> {
            if (rel.equals("users/users.xml")) {
                throw new java.nio.file.AccessDeniedException(file.toString());
            }
            return FileAccess.DIRECT.open(rel, file);
        };
        assertThatThrownBy(() -> JenkinsHomeBackup.run(options().name("strict").mode(BackupMode.FULL).failFast(true)
                .masterKeyEncryptionKey(EncryptionKey.fromPassphrase("master-key-wrapping-passphrase")).build(), storage, null, unreadable))
                .isInstanceOf(JenkinsHomeException.class).hasMessageContaining("failFast").hasMessageContaining("users/users.xml");
        assertThat(new BackupCatalog(storage, BackupKind.JENKINS_HOME).exists("strict")).isFalse();
        assertThat(storage.list("jenkins-master-keys/strict/")).isEmpty();
        assertThat(new JenkinsBackupSets(storage).list()).extracting(JenkinsManifest::name).containsExactly("warn");
    }

    @Test
    void fifosAndSymlinksAreSkippedWithoutBlocking() throws Exception {
        Path fifo = home.resolve("userContent/pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        Files.createSymbolicLink(home.resolve("userContent/escape"), Path.of("/etc/hostname"));

        JenkinsBackupResult r = JenkinsHomeBackup.run(options().name("special").build(), storage, null);

        assertThat(r.status()).isEqualTo(BackupStatus.Completed);
        assertThat(archiveEntries("special", null)).doesNotContain("userContent/pipe", "userContent/escape");
        assertThat(r.notes()).anyMatch(n -> n.contains("special files")).anyMatch(n -> n.contains("symbolic links"));
    }

    @Test
    void quietWaitIsBoundedAndNeverCountsItself() throws IOException {
        List<String> askedFor = new ArrayList<>();
        BuildActivity busy = self -> {
            askedFor.add(self);
            return 1;
        };
        JenkinsBackupResult proceeded = JenkinsHomeBackup.run(options().name("q1").quietWait(new QuietWait(busy, "job/backup#7",
                Duration.ofMillis(200), Duration.ofMillis(20), false)).build(), storage, null);
        assertThat(proceeded.warnings()).anyMatch(w -> w.contains("still running"));
        assertThat(askedFor).isNotEmpty().allMatch("job/backup#7"::equals);

        assertThatThrownBy(() -> JenkinsHomeBackup.run(options().name("q2").quietWait(new QuietWait(busy, "self",
                Duration.ofMillis(100), Duration.ofMillis(20), true)).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class).hasMessageContaining("not started");
        assertThat(new BackupCatalog(storage, BackupKind.JENKINS_HOME).exists("q2")).isFalse();

        AtomicInteger polls = new AtomicInteger();
        JenkinsBackupResult calm = JenkinsHomeBackup.run(options().name("q3").quietWait(new QuietWait(
                self -> polls.incrementAndGet() < 3 ? 2 : 0, "self", Duration.ofSeconds(10), Duration.ofMillis(10), true))
                .build(), storage, null);
        assertThat(calm.warnings()).isEmpty();
        assertThat(polls).hasValue(3);
    }

    @Test
    void retentionKeepsTheLastNFullSetsWithTheirDiffs() throws IOException {
        EncryptionKey mk = EncryptionKey.fromPassphrase("master-key-wrapping-passphrase");
        String[][] runs = {{"s1-full", "full"}, {"s1-diff", "diff"}, {"s2-full", "full"}, {"s2-diff", "diff"}, {"s3-full", "full"}};
        List<String> lastPruned = List.of();
        for (String[] run : runs) {
            JenkinsHomeFixture.write(home, "userContent/" + run[0], run[0]);
            lastPruned = JenkinsHomeBackup.run(options().name(run[0]).mode(BackupMode.parse(run[1])).masterKeyEncryptionKey(mk)
                    .keepLastFull(2).build(), storage, null).prunedBackups();
        }
        assertThat(lastPruned).containsExactlyInAnyOrder("s1-full", "s1-diff");
        assertThat(new JenkinsBackupSets(storage).list()).extracting(JenkinsManifest::name)
                .containsExactlyInAnyOrder("s2-full", "s2-diff", "s3-full");
        assertThat(storage.list("jenkins/s1-")).isEmpty();
        assertThat(storage.list("jenkins-master-keys/s1-")).isEmpty();
        assertThat(storage.list("jenkins-master-keys/s2-diff/")).hasSize(1);
    }

    List<String> archiveEntries(String name, EncryptionKey key) throws IOException {
        JenkinsManifest m = new JenkinsBackupSets(storage).require(name);
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream tar = BackupObjects.openArchive(storage, m.archive(), key)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                out.add(e.getName());
            }
        }
        return out;
    }

    byte[] decompressedArchive(String name, EncryptionKey key) throws IOException {
        JenkinsManifest m = new JenkinsBackupSets(storage).require(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new com.github.luben.zstd.ZstdInputStream(
                key == null ? storage.open(m.archive()) : new io.jenkins.plugins.k8sbackup.crypto.DecryptingInputStream(storage.open(m.archive()), key, m.archive()))) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }
}
