package io.jenkins.plugins.k8sbackup.jenkinshome;

import static io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeFixture.expected;
import static io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeFixture.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diff opens only files whose stat stamp changed, still catches same-size same-mtime edits, and streams its index. */
class DiffReadsOnlyChangesTest {
    @TempDir
    Path tmp;
    Path home;
    LocalDirectoryStorage storage;
    final Set<String> opened = Collections.synchronizedSet(new TreeSet<>());
    final FileAccess counting = (rel, file) -> {
        opened.add(rel);
        return FileAccess.DIRECT.open(rel, file);
    };

    @BeforeEach
    void setUp() throws IOException {
        home = JenkinsHomeFixture.create(tmp.resolve("home"));
        storage = new LocalDirectoryStorage(tmp.resolve("store"));
    }

    private JenkinsBackupResult backup(String name, BackupMode mode, boolean rehashAll) throws IOException {
        opened.clear();
        return JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name(name).mode(mode).rehashAll(rehashAll).build(),
                storage, null, counting);
    }

    @Test
    void unchangedFilesAreNotOpenedAndSameSizeSameMtimeEditsAreStillCaught() throws Exception {
        JenkinsBackupResult full = backup("f1", BackupMode.FULL, false);
        assertThat(opened).hasSize(full.fileCount());

        JenkinsBackupResult nothing = backup("d0", BackupMode.DIFF, false);
        assertThat(opened).as("no file changed: none is read").isEmpty();
        assertThat(nothing.fileCount()).isZero();
        assertThat(nothing.unchangedCount()).isEqualTo(full.fileCount());

        Thread.sleep(20); // past the file system's timestamp granularity, so the edits below get a new ctime
        // same size, mtime set back: only the ctime tells
        Path alpha = home.resolve("jobs/alpha/config.xml");
        FileTime mtime = Files.getLastModifiedTime(alpha);
        String before = Files.readString(alpha);
        Files.writeString(alpha, before.replace('<', '[').replace('>', ']'));
        Files.setLastModifiedTime(alpha, mtime);
        // same size and mtime, another inode: a copy moved over the file
        Path creds = home.resolve("credentials.xml");
        FileTime credsTime = Files.getLastModifiedTime(creds);
        String credsBefore = Files.readString(creds);
        Path copy = tmp.resolve("copy.xml");
        Files.writeString(copy, credsBefore.toUpperCase(java.util.Locale.ROOT));
        Files.setLastModifiedTime(copy, credsTime);
        Files.move(copy, creds, StandardCopyOption.REPLACE_EXISTING);
        // touched only: re-read, same content, not stored
        Path users = home.resolve("users/users.xml");
        Files.setLastModifiedTime(users, FileTime.fromMillis(Files.getLastModifiedTime(users).toMillis() + 5000));
        Files.delete(home.resolve("jobs/folder/jobs/inner/config.xml"));

        JenkinsBackupResult diff = backup("d1", BackupMode.DIFF, false);
        assertThat(opened).containsExactlyInAnyOrder("jobs/alpha/config.xml", "credentials.xml", "users/users.xml");
        assertThat(archiveEntries("d1")).containsExactlyInAnyOrder("jobs/alpha/config.xml", "credentials.xml");
        assertThat(diff.deletionCount()).isEqualTo(1);
        assertThat(new JenkinsBackupSets(storage).require("d1").deletions()).containsExactly("jobs/folder/jobs/inner/config.xml");

        JenkinsBackupResult rehash = backup("d2", BackupMode.DIFF, true);
        assertThat(opened).as("--rehash-all reads every file").hasSize(full.fileCount() - 1);
        assertThat(archiveEntries("d2")).containsExactlyInAnyOrder("jobs/alpha/config.xml", "credentials.xml");
        assertThat(rehash.deletionCount()).isEqualTo(1);

        Path fresh = tmp.resolve("fresh");
        assertThat(JenkinsHomeRestore.restore(JenkinsRestoreOptions.builder("d1", fresh).build(), storage, null).status())
                .isEqualTo(BackupStatus.Completed);
        assertThat(tree(fresh, rel -> !rel.equals("plugins.txt"))).isEqualTo(tree(home, expected(false)));
        assertThat(Files.getLastModifiedTime(fresh.resolve("jobs/alpha/config.xml")).toMillis()).isEqualTo(mtime.toMillis());
    }

    @Test
    void aBaseIndexOutOfPathOrderIsRefusedAndNothingIsKept() throws IOException {
        backup("f1", BackupMode.FULL, false);
        JenkinsManifest m = new JenkinsBackupSets(storage).require("f1");
        FileIndex index = BackupObjects.readIndex(storage, m.index(), null);
        List<FileEntry> reversed = new ArrayList<>(index.files());
        Collections.reverse(reversed);
        BackupObjects.writeIndex(storage, m.index(), null,
                new FileIndex(index.formatVersion(), index.backupName(), reversed, List.of(), index.plugins()));

        assertThatThrownBy(() -> backup("d1", BackupMode.DIFF, false)).isInstanceOf(JenkinsHomeException.class)
                .hasMessageContaining("not in path order");
        assertThat(new BackupCatalog(storage, JenkinsLayout.KIND).exists("d1")).isFalse();
        assertThat(storage.list(JenkinsLayout.KIND.prefix() + "d1/")).isEmpty();
    }

    @Test
    void streamedIndexReadsBackAsTheIndexAndInAnyFieldOrder() throws IOException {
        FileEntry a = new FileEntry("a/config.xml", 3, 0644, "a".repeat(64), 1000L, "3:1:2:4");
        FileEntry b = new FileEntry("b/log", 0, -1, "b".repeat(64), 2000L, null);
        byte[] written;
        try (IndexWriter w = new IndexWriter("n1")) {
            w.add(a);
            w.add(b);
            assertThat(w.count()).isEqualTo(2);
            written = w.finish(List.of("gone.xml"), List.of("git:5.2.0"));
        }
        storage.write("idx", written);
        FileIndex read = BackupObjects.readIndex(storage, "idx", null);
        assertThat(read).isEqualTo(new FileIndex(FileIndex.FORMAT_VERSION, "n1", List.of(a, b), List.of("gone.xml"), List.of("git:5.2.0")));

        // files after the other fields (as another writer may order them), read one by one
        String json = "{\"plugins\":[\"x:1\"],\"deletions\":[\"d\"],\"backupName\":\"n0\",\"files\":"
                + Json.MAPPER.writeValueAsString(List.of(a, b)) + ",\"formatVersion\":1}";
        try (IndexFiles files = new IndexFiles(Zstd.compress(json.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(files.next()).isEqualTo(a);
            assertThat(files.next()).isEqualTo(b);
            assertThat(files.next()).isNull();
        }
    }

    private List<String> archiveEntries(String name) throws IOException {
        JenkinsManifest m = new JenkinsBackupSets(storage).require(name);
        List<String> out = new ArrayList<>();
        try (var tar = BackupObjects.openArchive(storage, m.archive(), null)) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                out.add(e.getName());
            }
        }
        return out;
    }
}
