package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.etcd.KeptFileAction.Action;
import io.jenkins.plugins.k8sbackup.jenkinshome.FileStat;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept files go back only as new files with their modes; traversal, links and conflicts are refused up front. */
class KeptFileWriterTest {
    @TempDir
    Path dir;

    private static Map.Entry<KeptFile, byte[]> kept(String set, String path, String mode, String secret, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return Map.entry(new KeptFile(set, path, "x", mode, bytes.length, Sha256.hex(bytes), true, "y", secret), bytes);
    }

    private static Map<KeptFile, byte[]> files(List<Map.Entry<KeptFile, byte[]>> entries) {
        Map<KeptFile, byte[]> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Test
    void createsEachFileWithItsModeAndSecretsNeverWiderThan0600() throws Exception {
        Map<KeptFile, byte[]> files = files(List.of(
                kept("pki", "ca.crt", "0644", null, "cert"),
                kept("pki", "etcd/server.crt", "0640", null, "server cert"),
                kept("pki", "etcd/ca.key", "0644", "private key (*.key)", "key"),
                kept("file", "/etc/kubernetes/kubeadm-config.yaml", "0600", null, "kind: ClusterConfiguration")));
        Path pkiTo = dir.resolve("pki");
        Path filesTo = dir.resolve("root");

        List<KeptFileWriter.Planned> plan = KeptFileWriter.plan(files, pkiTo, filesTo);
        assertThat(KeptFileWriter.actions(plan)).extracting(KeptFileAction::action).containsOnly(Action.CREATE);
        assertThat(KeptFileWriter.actions(plan)).extracting(KeptFileAction::mode).containsExactly("0644", "0640", "0600", "0600");
        assertThat(dir).isEmptyDirectory(); // planning writes nothing

        List<KeptFileAction> done = KeptFileWriter.apply(plan);
        assertThat(done).extracting(KeptFileAction::action).containsOnly(Action.CREATE);
        assertThat(pkiTo.resolve("etcd/ca.key")).hasContent("key");
        assertThat(FileStat.of(pkiTo.resolve("etcd/ca.key")).mode()).isEqualTo(0600);
        assertThat(FileStat.of(pkiTo.resolve("etcd/server.crt")).mode()).isEqualTo(0640);
        assertThat(FileStat.of(pkiTo.resolve("ca.crt")).mode()).isEqualTo(0644);
        assertThat(filesTo.resolve("etc/kubernetes/kubeadm-config.yaml")).hasContent("kind: ClusterConfiguration");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }

        // run again: everything is unchanged; a mode that drifted is put back and said so
        Files.setPosixFilePermissions(pkiTo.resolve("ca.crt"), FileStat.toPermissions(0600));
        List<KeptFileAction> again = KeptFileWriter.apply(KeptFileWriter.plan(files, pkiTo, filesTo));
        assertThat(again).extracting(KeptFileAction::action).containsOnly(Action.UNCHANGED);
        assertThat(again.get(0).detail()).isEqualTo("mode 0600 becomes 0644");
        assertThat(FileStat.of(pkiTo.resolve("ca.crt")).mode()).isEqualTo(0644);
    }

    @Test
    void traversalLinksAndOtherContentAreRefusedAndNothingIsWritten() throws Exception {
        Path pkiTo = Files.createDirectories(dir.resolve("pki"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(pkiTo.resolve("etcd"), outside);
        Files.writeString(pkiTo.resolve("front-proxy-ca.crt"), "a renewed certificate");
        Map<KeptFile, byte[]> files = files(List.of(
                kept("pki", "../escape.crt", "0644", null, "evil"),
                kept("pki", "etcd/ca.key", "0600", "private key (*.key)", "key"),
                kept("pki", "front-proxy-ca.crt", "0644", null, "the kept certificate"),
                kept("file", "/../../etc/passwd", "0644", null, "evil"),
                kept("pki", "ca.crt", "0644", null, "cert")));

        List<KeptFileAction> plan = KeptFileWriter.actions(KeptFileWriter.plan(files, pkiTo, dir.resolve("root")));

        assertThat(plan).extracting(KeptFileAction::action)
                .containsExactly(Action.REFUSED, Action.REFUSED, Action.CONFLICT, Action.REFUSED, Action.CREATE);
        assertThat(plan.get(0).detail()).contains("path traversal");
        assertThat(plan.get(1).detail()).contains("a symbolic link is on the way: " + pkiTo.resolve("etcd"));
        assertThat(plan.get(2).detail()).contains("never overwritten");
        assertThat(plan.get(3).detail()).contains("path traversal");
        assertThatThrownBy(() -> KeptFileWriter.apply(KeptFileWriter.plan(files, pkiTo, dir.resolve("root"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(outside).isEmptyDirectory();
        assertThat(pkiTo.resolve("ca.crt")).doesNotExist();
        assertThat(pkiTo.resolve("front-proxy-ca.crt")).hasContent("a renewed certificate");
        assertThat(dir.resolve("escape.crt")).doesNotExist();
    }

    @Test
    void aFailedWriteStopsAndSaysWhatWasLeftOut() throws Exception {
        Path pkiTo = dir.resolve("pki");
        Map<KeptFile, byte[]> files = files(List.of(kept("pki", "a/one.crt", "0644", null, "1"),
                kept("pki", "b/two.crt", "0644", null, "2"), kept("pki", "c/three.crt", "0644", null, "3")));
        List<KeptFileWriter.Planned> plan = KeptFileWriter.plan(files, pkiTo, null);
        Files.createDirectories(pkiTo);
        Files.writeString(pkiTo.resolve("b"), "a file where a directory must go, created after planning");

        List<KeptFileAction> done = KeptFileWriter.apply(plan);

        assertThat(done).extracting(KeptFileAction::action).containsExactly(Action.CREATE, Action.FAILED, Action.SKIPPED);
        assertThat(pkiTo.resolve("a/one.crt")).hasContent("1");
        assertThat(pkiTo.resolve("c")).doesNotExist();
    }
}
