package io.jenkins.plugins.k8sbackup.jenkinshome;

import static io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeFixture.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsHomeRestoreTest {
    @TempDir
    Path tmp;
    Path home;
    LocalDirectoryStorage storage;

    @BeforeEach
    void setUp() throws IOException {
        home = JenkinsHomeFixture.create(tmp.resolve("home"));
        storage = new LocalDirectoryStorage(tmp.resolve("store"));
        JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name("full").build(), storage, null);
    }

    private JenkinsRestoreOptions.Builder options(String name, Path target) {
        return JenkinsRestoreOptions.builder(name, target);
    }

    @Test
    void traversalAbsoluteAndLinkEntriesAreRefusedAndNothingIsWrittenOutside() throws IOException {
        Path target = tmp.resolve("sandbox/target");
        Path absolute = tmp.resolve("sandbox/absolute.txt");
        byte[] evil = "evil".getBytes(StandardCharsets.UTF_8);
        byte[] ok = "<ok/>".getBytes(StandardCharsets.UTF_8);
        List<FileEntry> index = new ArrayList<>();
        // jobs/link and jobs/hard are only in the archive: an indexed file whose entry is a link refuses the restore
        for (String p : List.of("../escape.txt", absolute.toString(), "jobs/ok/config.xml",
                "jobs/a/../../../up.txt", "nul\0byte")) {
            index.add(new FileEntry(p, p.equals("jobs/ok/config.xml") ? ok.length : evil.length, 0644,
                    Sha256.hex(p.equals("jobs/ok/config.xml") ? ok : evil), 0, null));
        }
        craft("evil", index, tar -> {
            put(tar, new TarArchiveEntry("../escape.txt"), evil);
            put(tar, new TarArchiveEntry(absolute.toString(), true), evil);
            put(tar, new TarArchiveEntry("jobs/ok/config.xml"), ok);
            put(tar, new TarArchiveEntry("../../tar-only.txt"), evil);
            TarArchiveEntry link = new TarArchiveEntry("jobs/link", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            TarArchiveEntry hard = new TarArchiveEntry("jobs/hard", TarConstants.LF_LINK);
            hard.setLinkName("../escape.txt");
            tar.putArchiveEntry(hard);
            tar.closeArchiveEntry();
        });

        JenkinsRestorePlan plan = JenkinsHomeRestore.preview(options("evil", target).build(), storage, null);
        assertThat(plan.refused()).extracting(FileProblem::path)
                .contains("../escape.txt", absolute.toString(), "jobs/a/../../../up.txt", "nul\0byte");
        assertThat(plan.create()).containsExactly("jobs/ok/config.xml");

        JenkinsRestoreReport r = JenkinsHomeRestore.restore(options("evil", target).build(), storage, null);

        assertThat(r.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(target.resolve("jobs/ok/config.xml")).hasContent("<ok/>");
        assertThat(r.errors()).extracting(FileProblem::path)
                .contains("../escape.txt", "../../tar-only.txt", "jobs/link", "jobs/hard", absolute.toString());
        // the archive's own entries are checked too, not only the index
        assertThat(r.errors()).filteredOn(p -> p.path().equals(absolute.toString())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("archive entry refused: absolute path"));
        assertThat(tmp.resolve("sandbox/escape.txt")).doesNotExist();
        assertThat(tmp.resolve("tar-only.txt")).doesNotExist();
        assertThat(tmp.resolve("up.txt")).doesNotExist();
        assertThat(absolute).doesNotExist();
        assertThat(target.resolve("jobs/link")).doesNotExist();
        assertThat(target.resolve("jobs/hard")).doesNotExist();
        assertThat(tree(tmp.resolve("sandbox"), rel -> true).keySet())
                .containsExactlyInAnyOrder("target/jobs/ok/config.xml", "target/plugins.txt");
    }

    @Test
    void neverWritesThroughASymlinkInTheTarget() throws IOException {
        Path target = tmp.resolve("target");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("jobs"), outside);
        Files.createDirectories(target.resolve("users"));
        Files.createSymbolicLink(target.resolve("users/users.xml"), outside.resolve("users.xml"));

        JenkinsRestoreReport r = JenkinsHomeRestore.restore(options("full", target).build(), storage, null);

        assertThat(r.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(r.errors()).extracting(FileProblem::path).contains("jobs/alpha/config.xml", "users/users.xml");
        assertThat(r.errors()).allMatch(p -> p.message().contains("symbolic link"));
        assertThat(outside).isEmptyDirectory();
        assertThat(target.resolve("config.xml")).exists();
    }

    @Test
    void aFileWhereTheBackupHasADirectoryRefusesOnlyThePathsBelowIt() throws IOException {
        Path target = tmp.resolve("target");
        JenkinsHomeFixture.write(target, "users", "a file named like the directory");

        JenkinsRestorePlan plan = JenkinsHomeRestore.preview(options("full", target).build(), storage, null);
        JenkinsRestoreReport r = JenkinsHomeRestore.restore(options("full", target).build(), storage, null);

        assertThat(plan.refused()).extracting(FileProblem::path).containsExactlyInAnyOrder("users/users.xml", "users/admin_123/config.xml");
        assertThat(r.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(r.errors()).allSatisfy(p -> assertThat(p.message()).contains(target.toRealPath().resolve("users") + " is in the way"));
        assertThat(target.resolve("users")).hasContent("a file named like the directory");
        assertThat(target.resolve("config.xml")).exists();
    }

    @Test
    void aFileForAnotherFileSystemIsCopiedBesideItsDestinationThenRenamed() throws IOException {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)),
                "needs /dev/shm on another file system");
        Path elsewhere = Files.createTempDirectory(shm, "k8sb-test-");
        try {
            Path target = tmp.resolve("target");
            JenkinsRestoreReport r = JenkinsHomeRestore.restore(
                    options("full", target).pluginsTxt(elsewhere.resolve("list/plugins.txt")).build(), storage, null);

            assertThat(r.status()).isEqualTo(BackupStatus.Completed);
            assertThat(elsewhere.resolve("list/plugins.txt")).content().contains("git:5.2.1");
            try (var s = Files.list(elsewhere.resolve("list"))) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactly("plugins.txt");
            }
            assertNoStagingLeft(target);
        } finally {
            RestoreStaging.deleteTree(elsewhere);
        }
    }

    @Test
    void previewWritesNothingAndListsEveryAction() throws IOException {
        Path missing = tmp.resolve("not-there");
        JenkinsRestorePlan first = JenkinsHomeRestore.preview(options("full", missing).build(), storage, null);
        assertThat(missing).doesNotExist();
        assertThat(first.create()).hasSize(tree(home, JenkinsHomeFixture.expected(false)).size());

        Path target = tmp.resolve("target");
        JenkinsHomeRestore.restore(options("full", target).build(), storage, null);
        Files.writeString(target.resolve("config.xml"), "<locally-changed/>");
        Files.delete(target.resolve("users/users.xml"));
        JenkinsHomeFixture.write(target, "jobs/extra/config.xml", "<extra/>");
        Map<String, String> before = tree(target, rel -> true);
        Map<String, FileTime> times = mtimes(target);

        JenkinsRestorePlan plan = JenkinsHomeRestore.preview(options("full", target).clean(true).build(), storage, null);

        assertThat(plan.create()).containsExactly("users/users.xml");
        assertThat(plan.overwrite()).containsExactly("config.xml");
        assertThat(plan.delete()).containsExactly("jobs/extra/config.xml");
        assertThat(plan.unchanged()).hasSize(first.create().size() - 2);
        assertThat(plan.toMap()).containsKeys("create", "overwrite", "delete", "unchanged", "pluginsTxt", "masterKey");
        assertThat(tree(target, rel -> true)).isEqualTo(before);
        assertThat(mtimes(target)).isEqualTo(times);
    }

    @Test
    void cleanDeletesOnlyWithinTheBackedUpScope() throws IOException {
        Path target = tmp.resolve("target");
        JenkinsHomeRestore.restore(options("full", target).build(), storage, null);
        List<String> inScope = List.of("jobs/extra/config.xml", "users/ghost/config.xml", "secrets/stale.key", "old.xml");
        List<String> outOfScope = List.of("jobs/alpha/builds/9/log", "workspace/alpha/x", "jobs/alpha/workspace/config.xml",
                "notes.txt", "plugins/foo.jpi", "secrets/master.key", "logs/x.log", "fingerprints/a.xml", "caches/c");
        for (String rel : inScope) {
            JenkinsHomeFixture.write(target, rel, "x");
        }
        for (String rel : outOfScope) {
            JenkinsHomeFixture.write(target, rel, "x");
        }
        JenkinsRestoreReport without = JenkinsHomeRestore.restore(options("full", target).build(), storage, null);
        assertThat(without.deleted()).isZero();

        JenkinsRestoreReport r = JenkinsHomeRestore.restore(options("full", target).clean(true).build(), storage, null);

        assertThat(r.deleted()).isEqualTo(inScope.size());
        inScope.forEach(rel -> assertThat(target.resolve(rel)).doesNotExist());
        outOfScope.forEach(rel -> assertThat(target.resolve(rel)).exists());
        assertThat(target.resolve("jobs/extra")).doesNotExist();
        assertThat(target.resolve("users/ghost")).doesNotExist();
        assertThat(r.unchanged()).isEqualTo(tree(home, JenkinsHomeFixture.expected(false)).size());
    }

    @Test
    void aFileFailingItsChecksumRefusesTheRestoreAndChangesNothing() throws IOException {
        rewriteIndex("full", index -> withFiles(index, index.files().stream().map(f -> f.path().equals("users/users.xml")
                ? new FileEntry(f.path(), f.size(), f.mode(), "0".repeat(64), f.mtimeMillis(), f.stamp()) : f).toList()));
        Path target = tmp.resolve("target");
        JenkinsHomeFixture.write(target, "users/users.xml", "OLD");
        Map<String, String> before = tree(target, rel -> true);

        assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("full", target).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class)
                .hasMessageContaining("refusing to restore backup full: 1 files in its archive do not match its index")
                .hasMessageContaining("\"users/users.xml\": sha256 mismatch")
                .hasMessageContaining("nothing in " + target.toRealPath() + " was changed");

        assertThat(tree(target, rel -> true)).isEqualTo(before); // no credentials.xml, no plugins.txt, no staging
        assertThat(target.resolve("users/users.xml")).hasContent("OLD");
        assertNoStagingLeft(target);
    }

    @Test
    void pluginLinesThatAreNotOnePluginAtOneVersionAreRefusedAndNothingIsWritten() throws IOException {
        List<String> crafted = List.of(
                "git:5.2.1\nevil:1.0:https://evil.example/evil.hpi", // a second line: a URL jenkins-plugin-cli fetches
                "git:5.2.1:https://evil.example/evil.hpi",
                "git:latest",
                "git:5.2.1 # pinned",
                "git:incrementals;org.jenkins-ci.plugins;5.2-rc1.abc",
                "../../x:1.0",
                "..:1.0",
                "git\r:1.0",
                "git");
        Path target = tmp.resolve("target");
        for (String line : crafted) {
            rewriteIndex("full", index -> new FileIndex(1, index.backupName(), index.files(), index.deletions(),
                    List.of("credentials:1415.v831096eb_5534", line)));

            assertThatThrownBy(() -> JenkinsHomeRestore.preview(options("full", target).build(), storage, null))
                    .as(line).isInstanceOf(JenkinsHomeException.class).hasMessageContaining("plugin list:");
            assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("full", target).build(), storage, null))
                    .as(line).isInstanceOf(JenkinsHomeException.class)
                    .hasMessageContaining("refusing to restore: the index of backup full is damaged or crafted")
                    .hasMessageContaining("nothing was written")
                    .hasMessageNotContaining("\n").hasMessageNotContaining("\r");
            assertThat(target).as(line).doesNotExist();
        }
        rewriteIndex("full", index -> new FileIndex(1, index.backupName(), index.files(), index.deletions(),
                List.of(crafted.get(0))));
        assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("full", target).build(), storage, null))
                .hasMessageContaining("plugin list: version \"5.2.1\\nevil:1.0:https://evil.example/evil.hpi\" of plugin git"
                        + " is not a plugin version");
    }

    @Test
    void anIndexDeclaringMoreBytesThanTheBackupReadIsRefusedBeforeAnythingIsWritten() throws IOException {
        // zeros compress to almost nothing: the archive stays tiny whatever size the index declares
        byte[] zeros = new byte[8 << 20];
        List<FileEntry> files = List.of(new FileEntry("jobs/bomb/config.xml", zeros.length, 0644, Sha256.hex(zeros), 0, null));
        craft("bomb", files, List.of(), 4096L, tar -> put(tar, new TarArchiveEntry("jobs/bomb/config.xml"), zeros));
        assertThat(storage.read(JenkinsLayout.archive("bomb", false)).length).isLessThan(64 << 10);
        Path target = tmp.resolve("target");

        assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("bomb", target).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class)
                .hasMessageContaining("its files declare " + zeros.length + " bytes, more than the 4096 bytes the backup read");
        assertThatThrownBy(() -> JenkinsHomeRestore.preview(options("bomb", target).build(), storage, null))
                .hasMessageContaining("sourceBytes");
        assertThat(target).doesNotExist();

        // the same archive restores when the manifest really recorded that many bytes
        craft("honest", files, List.of(), (long) zeros.length, tar -> put(tar, new TarArchiveEntry("jobs/bomb/config.xml"), zeros));
        JenkinsRestoreReport r = JenkinsHomeRestore.restore(options("honest", target).build(), storage, null);
        assertThat(r.status()).isEqualTo(BackupStatus.Completed);
        assertThat(target.resolve("jobs/bomb/config.xml")).hasSize(zeros.length);
    }

    @Test
    void aManifestWithoutSourceBytesCapsAtItsIndexAndStillChecksEveryFile() throws IOException {
        String key = JenkinsLayout.KIND.keyOf("full", "manifest.json");
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(storage.read(key));
        json.remove("sourceBytes");
        storage.write(key, Json.PRETTY.writeValueAsBytes(json));
        assertThat(new JenkinsBackupSets(storage).require("full").sourceBytes()).isNull();

        Path target = tmp.resolve("target");
        assertThat(JenkinsHomeRestore.restore(options("full", target).build(), storage, null).status())
                .isEqualTo(BackupStatus.Completed);
        assertThat(tree(target, rel -> !rel.equals("plugins.txt"))).isEqualTo(tree(home, JenkinsHomeFixture.expected(false)));

        byte[] data = "<seven/>".getBytes(StandardCharsets.UTF_8);
        craft("older", List.of(new FileEntry("big.xml", 2L << 30, 0644, Sha256.hex(data), 0, null)), List.of(), null,
                tar -> put(tar, new TarArchiveEntry("big.xml"), data));
        Path other = tmp.resolve("other");
        assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("older", other).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class)
                .hasMessageContaining("\"big.xml\": size in archive " + data.length + " differs from the index " + (2L << 30));
        assertThat(other).doesNotExist();
    }

    @Test
    void anArchiveThatDisagreesWithItsIndexRefusesTheWholeRestore() throws IOException {
        byte[] ok = "<ok/>".getBytes(StandardCharsets.UTF_8);
        byte[] seven = "1234567".getBytes(StandardCharsets.UTF_8);
        Map<String, TarBody> cases = new LinkedHashMap<>();
        // the tar header says 7 bytes, the index 5
        cases.put("size in archive 7 differs from the index 5", tar -> put(tar, new TarArchiveEntry("users/users.xml"), seven));
        // the indexed file is a symbolic link in the archive
        cases.put("archive entry refused: links and special files are never restored", tar -> {
            TarArchiveEntry link = new TarArchiveEntry("users/users.xml", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });
        // the indexed file is not in the archive at all
        cases.put("not in the archive", tar -> { });
        for (Map.Entry<String, TarBody> c : cases.entrySet()) {
            List<FileEntry> files = List.of(new FileEntry("config.xml", ok.length, 0644, Sha256.hex(ok), 0, null),
                    new FileEntry("users/users.xml", 5, 0644, Sha256.hex("12345".getBytes(StandardCharsets.UTF_8)), 0, null));
            craft("damaged", files, List.of(), null, tar -> {
                put(tar, new TarArchiveEntry("config.xml"), ok);
                c.getValue().write(tar);
            });
            Path target = tmp.resolve("target");
            JenkinsHomeFixture.write(target, "config.xml", "<mine/>");
            Map<String, String> before = tree(target, rel -> true);

            assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("damaged", target).build(), storage, null))
                    .as(c.getKey()).isInstanceOf(JenkinsHomeException.class)
                    .hasMessageContaining("\"users/users.xml\": " + c.getKey());

            assertThat(tree(target, rel -> true)).as(c.getKey()).isEqualTo(before);
            assertNoStagingLeft(target);
            new JenkinsBackupSets(storage).delete("damaged");
        }
    }

    @Test
    void aDamagedIndexEntryIsRefusedBeforeAnythingIsWritten() throws IOException {
        rewriteIndex("full", index -> withFiles(index, index.files().stream().map(f -> switch (f.path()) {
            case "config.xml" -> new FileEntry(f.path(), -1, f.mode(), f.sha256(), f.mtimeMillis(), f.stamp());
            case "credentials.xml" -> new FileEntry(f.path(), f.size(), f.mode(), null, f.mtimeMillis(), f.stamp());
            default -> f;
        }).toList()));
        Path target = tmp.resolve("target");

        assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("full", target).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class)
                .hasMessageContaining("\"config.xml\": negative size -1")
                .hasMessageContaining("\"credentials.xml\": the sha256 is not 64 hex digits");
        assertThat(target).doesNotExist();
    }

    @Test
    void aTruncatedArchiveRefusesTheRestoreAndChangesNothing() throws IOException {
        JenkinsManifest m = new JenkinsBackupSets(storage).require("full");
        byte[] archive = storage.read(m.archive());
        storage.write(m.archive(), Arrays.copyOf(archive, archive.length * 2 / 3));
        Path target = tmp.resolve("parent/target");

        assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("full", target).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class)
                .hasMessageContaining("refusing to restore backup full: archive " + m.archive() + " cannot be read")
                .hasMessageContaining("nothing in " + target + " was changed");

        assertThat(tmp.resolve("parent")).doesNotExist(); // the directories the restore created are gone too
    }

    @Test
    void aRestoreStoppedWhileMovingFilesIsMarkedIncompleteAndTheNextRestoreRepairsIt() throws IOException {
        Path target = tmp.resolve("target");
        Path blocked = tmp.resolve("not-a-dir");
        Files.writeString(blocked, "a file where the plugins.txt directory should be");

        assertThatThrownBy(() -> JenkinsHomeRestore.restore(
                options("full", target).pluginsTxt(blocked.resolve("plugins.txt")).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class)
                .hasMessageContaining("stopped after")
                .hasMessageContaining("the target is incomplete (marked by " + target.toRealPath().resolve(RestoreStaging.PREFIX));
        List<Path> marker = RestoreStaging.leftovers(target);
        assertThat(marker).hasSize(1);

        // a killed restore leaves the same: a staging directory, maybe with files not yet moved
        Path killed = Files.createDirectory(target.resolve(RestoreStaging.PREFIX + "killed"));
        Files.writeString(killed.resolve("7"), "half a file");
        JenkinsHomeFixture.write(target, "config.xml", "<from-another-backup/>");

        JenkinsRestorePlan plan = JenkinsHomeRestore.preview(options("full", target).clean(true).build(), storage, null);
        assertThat(plan.warnings()).hasSize(2).allMatch(w -> w.contains("did not finish"));
        assertThat(plan.overwrite()).containsExactly("config.xml");
        assertThat(plan.delete()).isEmpty();

        JenkinsRestoreReport r = JenkinsHomeRestore.restore(options("full", target).clean(true).build(), storage, null);

        assertThat(r.status()).isEqualTo(BackupStatus.Completed);
        assertThat(r.warnings()).hasSize(2);
        assertNoStagingLeft(target);
        assertThat(tree(target, rel -> !rel.equals("plugins.txt"))).isEqualTo(tree(home, JenkinsHomeFixture.expected(false)));
    }

    @Test
    void refusesATargetWhereJenkinsLooksAlive() throws IOException {
        Path target = tmp.resolve("live");
        JenkinsHomeFixture.write(target, ".owner", Long.toString(ProcessHandle.current().pid()));

        assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("full", target).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class).hasMessageContaining("running Jenkins")
                .hasMessageContaining("running on this machine");
        assertThat(target.resolve("config.xml")).doesNotExist();
        assertThat(JenkinsHomeRestore.preview(options("full", target).build(), storage, null).create()).isNotEmpty();
        assertThat(JenkinsHomeRestore.restore(options("full", target).refuseIfRunning(false).build(), storage, null).status())
                .isEqualTo(BackupStatus.Completed);

        Path stopped = tmp.resolve("stopped");
        JenkinsHomeFixture.write(stopped, ".owner", "1");
        JenkinsHomeFixture.age(stopped.resolve(".owner"), Duration.ofHours(3));
        assertThat(JenkinsHomeRestore.restore(options("full", stopped).build(), storage, null).status())
                .isEqualTo(BackupStatus.Completed);
    }

    @Test
    void missingOrIncompleteBackupsAreRefusedClearly() throws IOException {
        Files.writeString(home.resolve("config.xml"), "<changed/>");
        JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name("diff").build(), storage, null);
        storage.write("jenkins/half/home.tar.zst", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> JenkinsHomeRestore.preview(options("half", tmp.resolve("t")).build(), storage, null))
                .hasMessageContaining("incomplete");
        assertThatThrownBy(() -> JenkinsHomeRestore.preview(options("nope", tmp.resolve("t")).build(), storage, null))
                .hasMessageContaining("no backup named");
        assertThatThrownBy(() -> options("../x", tmp.resolve("t")).build()).isInstanceOf(IllegalArgumentException.class);
        new JenkinsBackupSets(storage).delete("full");
        assertThatThrownBy(() -> JenkinsHomeRestore.restore(options("diff", tmp.resolve("t")).build(), storage, null))
                .isInstanceOf(JenkinsHomeException.class).hasMessageContaining("needs its full backup full");
        assertThat(tmp.resolve("t")).doesNotExist();
    }

    interface TarBody {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private void craft(String name, List<FileEntry> files, TarBody body) throws IOException {
        craft(name, files, List.of(), null, body);
    }

    /** A backup made by the test: {@code sourceBytes} null is a manifest without the field. */
    private void craft(String name, List<FileEntry> files, List<String> plugins, Long sourceBytes, TarBody body)
            throws IOException {
        String archive = JenkinsLayout.archive(name, false);
        try (StorageWriter w = storage.create(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(w))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(tar);
        }
        String index = JenkinsLayout.index(name, false);
        BackupObjects.writeIndex(storage, index, null, new FileIndex(1, name, files, List.of(), plugins));
        JenkinsManifest m = new JenkinsManifest(1, JenkinsManifest.KIND, name, Instant.now(), Instant.now(),
                BackupStatus.Completed, files.size(), 0, Map.of(), BackupMode.FULL, null, 0, List.of(), files.size(),
                sourceBytes, plugins.size(),
                MasterKeyHandling.ABSENT, null, null, null, archive, null, index, SelectionSpec.DEFAULTS, List.of());
        storage.write(JenkinsLayout.KIND.keyOf(name, "manifest.json"), Json.PRETTY.writeValueAsBytes(m));
    }

    private void rewriteIndex(String name, UnaryOperator<FileIndex> edit) throws IOException {
        JenkinsManifest m = new JenkinsBackupSets(storage).require(name);
        FileIndex index = BackupObjects.readIndex(storage, m.index(), null);
        BackupObjects.writeIndex(storage, m.index(), null, edit.apply(index));
    }

    private static FileIndex withFiles(FileIndex index, List<FileEntry> files) {
        return new FileIndex(index.formatVersion(), index.backupName(), files, index.deletions(), index.plugins());
    }

    private static void assertNoStagingLeft(Path target) throws IOException {
        try (var s = Files.walk(target)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".k8sb-"));
        }
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, byte[] data) throws IOException {
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static Map<String, FileTime> mtimes(Path root) throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.toList()) {
                out.put(root.relativize(p).toString(), Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            }
        }
        return out;
    }
}
