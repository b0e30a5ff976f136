package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a restore makes before it writes: tool and version, data directory, snapshot revision, options. */
class EtcdRestoreChecksTest {
    @TempDir
    Path dir;

    @Test
    void theToolMustBeAbleToRestoreAndNotBeOlderThanTheSnapshot() {
        Etcdctl etcdctl = new Etcdctl(Path.of("/usr/bin/etcdctl"));
        Etcdctl etcdutl = new Etcdctl(Path.of("/usr/local/bin/etcdutl"));

        assertThat(EtcdRestorer.toolProblem(etcdctl, "3.4.23", "3.4.23")).isEmpty();
        assertThat(EtcdRestorer.toolProblem(etcdutl, "3.5.16", "3.4.23")).isEmpty();
        assertThat(EtcdRestorer.toolProblem(etcdctl, "3.4.23", "3.5.9")).get().asString()
                .contains("taken from etcd 3.5.9 but the installed etcdctl (/usr/bin/etcdctl) is 3.4.23");
        assertThat(EtcdRestorer.toolProblem(etcdctl, "3.6.1", "3.6.0")).get().asString()
                .contains("no longer restores snapshots").contains("install etcdutl");
        assertThat(Etcdctl.majorMinor("v3.5.9")).containsExactly(3, 5);
        assertThat(Etcdctl.olderMinor("3.10.0", "3.9.1")).isFalse();
        assertThat(Etcdctl.olderMinor(null, "3.5")).isFalse();
    }

    @Test
    void theDataDirMustBeAbsentOrEmptyAndNoLink() throws Exception {
        assertThat(EtcdRestorer.dataDirProblem(dir.resolve("new"))).isEmpty();
        assertThat(EtcdRestorer.dataDirProblem(Files.createDirectories(dir.resolve("empty")))).isEmpty();
        Files.createDirectories(dir.resolve("used/member"));
        assertThat(EtcdRestorer.dataDirProblem(dir.resolve("used"))).get().asString().contains("is not empty (it holds member)");
        assertThat(EtcdRestorer.dataDirProblem(Files.writeString(dir.resolve("file"), "x"))).get().asString()
                .contains("not a directory");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("empty"));
        assertThat(EtcdRestorer.dataDirProblem(link)).get().asString().contains("is a symbolic link");
    }

    @Test
    void theSnapshotRevisionMustBeTheRecordedOne() {
        EtcdSnapshotManifest exact = RestoreTopologyTest.manifest(List.of());
        assertThat(EtcdRestorer.revisionProblem(exact, 100)).isEmpty();
        assertThat(EtcdRestorer.revisionProblem(exact, 0)).isEmpty();
        assertThat(EtcdRestorer.revisionProblem(exact, 99)).get().asString()
                .isEqualTo("the snapshot is at revision 99, not the revision 100 recorded when it was taken");
    }

    @Test
    void optionsNeedSomethingToRestoreAndTheMemberFlagsTogether() {
        assertThatThrownBy(() -> new EtcdRestoreOptions("kit", null, "m1", null, null, null, null, null, null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--member and --data-dir go together");
        assertThatThrownBy(() -> new EtcdRestoreOptions("kit", null, null, null, null, null, null, null, null, false))
                .hasMessageContaining("nothing to restore");
        assertThatThrownBy(() -> new EtcdRestoreOptions("kit", null, null, null, "a=http://h:1", null, null, dir, null, false))
                .hasMessageContaining("need --member");
        assertThatThrownBy(() -> EtcdRestoreOptions.member("../kit", "m1", dir)).hasMessageContaining("invalid backup name");
    }
}
