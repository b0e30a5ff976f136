package io.jenkins.plugins.k8sbackup.jenkinshome;

import static io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeFixture.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
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
        for (String p : List.of("../escape.txt", absolute.toString(), "jobs/ok/config.xml", "jobs/link", "jobs/hard",
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
        assertThat(plan.create()).containsExactlyInAnyOrder("jobs/ok/config.xml", "jobs/link", "jobs/hard");

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
    void aFileFailingItsChecksumIsAnErrorAndLeavesTheTargetFileAlone() throws IOException {
        JenkinsManifest m = new JenkinsBackupSets(storage).require("full");
        FileIndex index = BackupObjects.readIndex(storage, m.index(), null);
        List<FileEntry> tampered = index.files().stream().map(f -> f.path().equals("users/users.xml")
                ? new FileEntry(f.path(), f.size(), f.mode(), "0".repeat(64), f.mtimeMillis(), f.stamp()) : f).toList();
        BackupObjects.writeIndex(storage, m.index(), null,
                new FileIndex(1, "full", tampered, index.deletions(), index.plugins()));
        Path target = tmp.resolve("target");
        JenkinsHomeFixture.write(target, "users/users.xml", "OLD");

        JenkinsRestoreReport r = JenkinsHomeRestore.restore(options("full", target).build(), storage, null);

        assertThat(r.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("users/users.xml");
            assertThat(p.message()).contains("sha256 mismatch");
        });
        assertThat(target.resolve("users/users.xml")).hasContent("OLD");
        assertThat(target.resolve("credentials.xml")).exists();
        try (var s = Files.list(target.resolve("users"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".k8sb-"));
        }
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
        String archive = JenkinsLayout.archive(name, false);
        try (StorageWriter w = storage.create(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(w))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(tar);
        }
        String index = JenkinsLayout.index(name, false);
        BackupObjects.writeIndex(storage, index, null, new FileIndex(1, name, files, List.of(), List.of()));
        JenkinsManifest m = new JenkinsManifest(1, JenkinsManifest.KIND, name, Instant.now(), Instant.now(),
                BackupStatus.Completed, files.size(), 0, Map.of(), BackupMode.FULL, null, 0, List.of(), files.size(), 0, 0,
                MasterKeyHandling.ABSENT, null, null, null, archive, null, index, SelectionSpec.DEFAULTS, List.of());
        storage.write(JenkinsLayout.KIND.keyOf(name, "manifest.json"), Json.PRETTY.writeValueAsBytes(m));
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
