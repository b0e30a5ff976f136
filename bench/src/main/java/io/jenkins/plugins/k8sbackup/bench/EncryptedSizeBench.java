package io.jenkins.plugins.k8sbackup.bench;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.RateLimiter;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Size and time of an encrypted backup against an unencrypted one of the same objects (issue 15: encrypted size
 * <= 1.05x, time within 10%), in one run on the same seeded API (N ConfigMaps and Secrets of 1 to 4 KiB), rounds
 * alternating which of the two goes first. Also prints, from the same data, what format 2 stored (each object sealed
 * before zstd) and what one zstd stream per type would store instead of format 3's 1 MiB frames.
 * Usage: EncryptedSizeBench [objects] (default 10000); -Drounds=N (default 4) after -Dwarmup=N (default 1).
 */
public final class EncryptedSizeBench {
    private static final int ROUNDS = Integer.getInteger("rounds", 4);
    private static final int WARMUP = Integer.getInteger("warmup", 1);

    private EncryptedSizeBench() {}

    private record Result(double seconds, long storedBytes, Path store, String name) {
        Path backup() {
            return store.resolve("backups").resolve(name);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        EncryptionKey key = EncryptionKey.ofBytes(raw);
        System.out.printf("cpus=%d, load average at start: %s; %d objects, %d rounds after %d warm-up, order alternating%n",
                Runtime.getRuntime().availableProcessors(), LoadAverage.now(), n, ROUNDS, WARMUP);
        Path work = Files.createTempDirectory("k8s-backup-enc-bench");
        List<Double> plainTimes = new ArrayList<>();
        List<Double> encryptedTimes = new ArrayList<>();
        long plainBytes = 0;
        long encryptedBytes = 0;
        try (MockClusterProcess api = new MockClusterProcess(work.resolve("kubeconfig"), "seed=" + n, "4g")) {
            KubeTarget target = KubeTarget.fromFile(work.resolve("kubeconfig"), null, 1e6, 1_000_000);
            try (KubernetesClient client = target.client()) {
                for (int round = -WARMUP; round < ROUNDS; round++) {
                    boolean plainFirst = Math.floorMod(round, 2) == 0;
                    Result first = backup(client, work, "r" + (round + WARMUP) + "-" + (plainFirst ? "plain" : "enc"), plainFirst ? null : key, n);
                    Result second = backup(client, work, "r" + (round + WARMUP) + "-" + (plainFirst ? "enc" : "plain"), plainFirst ? key : null, n);
                    Result plain = plainFirst ? first : second;
                    Result encrypted = plainFirst ? second : first;
                    System.out.printf("round %2d (%s first): plain %.2f s %d bytes, encrypted %.2f s %d bytes%n", round,
                            plainFirst ? "plain" : "encrypted", plain.seconds(), plain.storedBytes(), encrypted.seconds(),
                            encrypted.storedBytes());
                    if (round >= 0) {
                        plainTimes.add(plain.seconds());
                        encryptedTimes.add(encrypted.seconds());
                    }
                    plainBytes = plain.storedBytes();
                    encryptedBytes = encrypted.storedBytes();
                    if (round < ROUNDS - 1) {
                        deleteTree(plain.store());
                    } else {
                        long[] alternatives = alternatives(plain.backup(), key);
                        System.out.printf("%nstored bytes (archives + index): plain %d, encrypted %d: encrypted/plain = %.4f (target <= 1.05)%n",
                                plainBytes, encryptedBytes, (double) encryptedBytes / plainBytes);
                        System.out.printf("archives only, same objects: format 3 plain %d, format 3 encrypted %d,"
                                        + " format 2 encrypted (each object sealed, then zstd) %d = %.3fx plain,"
                                        + " one zstd stream per type (format 2 plain) %d: 1 MiB frames cost %.2f%%%n",
                                alternatives[0], archiveBytes(encrypted.backup()),
                                alternatives[1], (double) alternatives[1] / alternatives[0], alternatives[2],
                                100.0 * (alternatives[0] - alternatives[2]) / alternatives[2]);
                    }
                    deleteTree(encrypted.store());
                }
            }
        } finally {
            deleteTree(work);
        }
        double p = median(plainTimes);
        double e = median(encryptedTimes);
        System.out.printf("time, median of %d: plain %.2f s, encrypted %.2f s: encrypted/plain = %.3f (target 0.90-1.10);"
                        + " per round: %s%n", ROUNDS, p, e, e / p, ratios(encryptedTimes, plainTimes));
        System.out.printf("load average at end: %s%n", LoadAverage.now());
    }

    private static Result backup(KubernetesClient client, Path work, String name, EncryptionKey key, int n) throws Exception {
        Path store = work.resolve("store-" + name);
        LocalDirectoryStorage storage = new LocalDirectoryStorage(store);
        ApiCaller caller = new ApiCaller(new RateLimiter(1e6, 1_000_000), 5, Duration.ofMillis(50), Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        BackupResult r = new BackupRunner(client, caller, storage, Optional.ofNullable(key), ProgressListener.NONE,
                Clock.systemUTC()).run(BackupSpec.builder().name(name).includeNamespaces(List.of("bench"))
                .includeResources(List.of("configmaps", "secrets")).pageSize(500)
                .encryption(key == null ? BackupSpec.EncryptionMode.none : BackupSpec.EncryptionMode.all).build(), null);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (r.objectCount() != n) {
            throw new IllegalStateException("backup stored " + r.objectCount() + " of " + n + ": " + r.errors());
        }
        return new Result(secs, r.totalBytes(), store, name);
    }

    private static long archiveBytes(Path backup) throws Exception {
        long total = 0;
        try (var files = Files.list(backup.resolve("resources"))) {
            for (Path f : files.toList()) {
                total += Files.size(f);
            }
        }
        return total;
    }

    /**
     * From a plain format 3 backup's archives: their size; the size format 2 stored with every object sealed by
     * AES-GCM before one zstd stream per type; the size of one zstd stream per type without sealing.
     */
    private static long[] alternatives(Path backup, EncryptionKey key) throws Exception {
        long framed = 0;
        long sealedFirst = 0;
        long oneStream = 0;
        try (var files = Files.list(backup.resolve("resources"))) {
            for (Path f : files.toList()) {
                framed += Files.size(f);
                ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
                ByteArrayOutputStream oldFormat = new ByteArrayOutputStream();
                try (TarArchiveInputStream in = new TarArchiveInputStream(new ZstdInputStream(new BufferedInputStream(Files.newInputStream(f))));
                     TarArchiveOutputStream old = new TarArchiveOutputStream(new ZstdOutputStream(oldFormat, 1), 1 << 16)) {
                    old.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    TarArchiveEntry e;
                    TarArchiveOutputStream plain = new TarArchiveOutputStream(tarBytes, 1 << 16);
                    plain.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    while ((e = in.getNextEntry()) != null) {
                        byte[] json = in.readAllBytes();
                        byte[] sealed = AesGcm.encrypt(key, json, e.getName());
                        TarArchiveEntry copy = new TarArchiveEntry(e.getName());
                        copy.setSize(sealed.length);
                        old.putArchiveEntry(copy);
                        old.write(sealed);
                        old.closeArchiveEntry();
                        TarArchiveEntry same = new TarArchiveEntry(e.getName());
                        same.setSize(json.length);
                        plain.putArchiveEntry(same);
                        plain.write(json);
                        plain.closeArchiveEntry();
                    }
                    plain.finish();
                }
                sealedFirst += oldFormat.size();
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                try (ZstdOutputStream z = new ZstdOutputStream(stream, 1)) {
                    z.write(tarBytes.toByteArray());
                }
                oneStream += stream.size();
            }
        }
        return new long[] {framed, sealedFirst, oneStream};
    }


    private static String ratios(List<Double> a, List<Double> b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(String.format("%.2f", a.get(i) / b.get(i)));
        }
        return String.join(" ", out);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }

    private static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var files = Files.walk(p)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
