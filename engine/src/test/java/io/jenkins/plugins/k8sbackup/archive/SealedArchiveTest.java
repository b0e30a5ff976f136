package io.jenkins.plugins.k8sbackup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import io.jenkins.plugins.k8sbackup.crypto.DecryptionException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 3's type archives at the stream level: compressed first, then encrypted, so encryption costs next to no
 * size; frames that start segments, so one object reads alone; and segments that cannot be swapped, cut off or read
 * under another key or binding.
 */
class SealedArchiveTest {
    static final String ARCHIVE = "resources/configmaps.tar.zst";
    @TempDir
    Path dir;
    LocalDirectoryStorage storage;
    final EncryptionKey key = newKey();
    final EntryBinding binding = new EntryBinding(3, "b1", "id-1");
    final Map<String, byte[]> objects = new LinkedHashMap<>();

    static EncryptionKey newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return EncryptionKey.ofBytes(raw);
    }

    @BeforeEach
    void setUp() throws IOException {
        storage = new LocalDirectoryStorage(dir);
        for (int i = 0; i < 4000; i++) { // ~3.5 MiB of tar: several frames
            String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + i
                    + "\",\"namespace\":\"shop\",\"uid\":\"" + java.util.UUID.randomUUID() + "\",\"resourceVersion\":\"" + (1000 + i)
                    + "\",\"labels\":{\"app\":\"shop\",\"tier\":\"web\"}},\"data\":{\"LOG_LEVEL\":\"info\",\"FEATURE\":\"f" + (i % 17)
                    + "\",\"PAYLOAD\":\"" + "x".repeat(i % 200) + "\"}}";
            objects.put("resources/configmaps/namespaces/shop/cm-" + i + ".json.enc", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<TypeArchiveWriter.Placement> write(String key, ArchiveSealing sealing) throws IOException {
        List<TypeArchiveWriter.Placement> placements = new ArrayList<>();
        try (TypeArchiveWriter w = new TypeArchiveWriter(storage.create(key), Instant.EPOCH, sealing)) {
            for (Map.Entry<String, byte[]> e : objects.entrySet()) {
                placements.add(w.add(e.getKey(), e.getValue()));
            }
            w.finish();
        }
        return placements;
    }

    private ArchiveSealing sealing(EncryptionKey k, EntryBinding b, String resource) {
        return ArchiveSealing.of(b, k, resource, ARCHIVE);
    }

    private Map<String, byte[]> readAll(InputStream compressed) throws IOException {
        Map<String, byte[]> read = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(compressed))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                read.put(e.getName(), tar.readAllBytes());
            }
        }
        return read;
    }

    private Path file(String key) {
        return dir.resolve(key);
    }

    @Test
    void encryptingAfterCompressionCostsLessThanOnePercentAndEverythingReadsBack() throws Exception {
        write("plain.tar.zst", null);
        List<TypeArchiveWriter.Placement> placements = write("sealed.tar.zst", sealing(key, binding, "configmaps"));

        long plain = Files.size(file("plain.tar.zst"));
        long sealed = Files.size(file("sealed.tar.zst"));
        assertThat((double) sealed / plain).as(sealed + " vs " + plain + " bytes").isLessThan(1.01);
        assertThat(placements.stream().map(TypeArchiveWriter.Placement::frameSegment).distinct().count()).isGreaterThan(2);
        assertThat(readAll(Files.newInputStream(file("plain.tar.zst")))).containsExactlyEntriesOf(objects);
        try (InputStream in = sealing(key, binding, "configmaps").open(Files.newInputStream(file("sealed.tar.zst")))) {
            assertThat(readAll(in)).containsExactlyEntriesOf(objects);
        }
    }

    @Test
    void oneObjectReadsFromItsFrameWhileAnotherSegmentIsDamaged() throws Exception {
        List<TypeArchiveWriter.Placement> placements = write("sealed.tar.zst", sealing(key, binding, "configmaps"));
        List<String> paths = new ArrayList<>(objects.keySet());
        int last = paths.size() - 1;
        TypeArchiveWriter.Placement at = placements.get(last);
        assertThat(at.frameSegment()).isPositive();
        byte[] data = Files.readAllBytes(file("sealed.tar.zst"));
        data[100] ^= 1; // inside the first segment, which the last object's frame is not in
        Files.write(file("sealed.tar.zst"), data);

        byte[] read;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(sealing(key, binding, "configmaps")
                .openAt(Files.newInputStream(file("sealed.tar.zst")), at.frameOffset(), at.frameSegment())))) {
            TarArchiveEntry e;
            do {
                e = tar.getNextEntry();
            } while (!e.getName().equals(paths.get(last)));
            read = tar.readAllBytes();
        }
        assertThat(read).isEqualTo(objects.get(paths.get(last)));
        assertThatThrownBy(() -> readAll(sealing(key, binding, "configmaps").open(Files.newInputStream(file("sealed.tar.zst")))))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("decryption failed");
    }

    /** The offsets and lengths of the stored segments. */
    private static List<int[]> segments(byte[] data) throws IOException {
        List<int[]> out = new ArrayList<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        in.skipNBytes(13);
        int at = 13;
        while (at < data.length) {
            int length = in.readInt();
            in.skipNBytes(length);
            out.add(new int[] {at, 4 + length});
            at += 4 + length;
        }
        return out;
    }

    @Test
    void swappedOrCutOffSegmentsAreDetected() throws Exception {
        write("sealed.tar.zst", sealing(key, binding, "configmaps"));
        byte[] data = Files.readAllBytes(file("sealed.tar.zst"));
        List<int[]> segments = segments(data);
        assertThat(segments.size()).isGreaterThan(3);

        int[] a = segments.get(0);
        int[] b = segments.get(1);
        ByteBuffer swapped = ByteBuffer.allocate(data.length).put(data, 0, a[0]).put(data, b[0], b[1]).put(data, a[0], a[1])
                .put(data, b[0] + b[1], data.length - b[0] - b[1]);
        assertThatThrownBy(() -> readAll(sealing(key, binding, "configmaps").open(new ByteArrayInputStream(swapped.array()))))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("decryption failed");

        int[] lastSegment = segments.get(segments.size() - 1);
        byte[] withoutLast = java.util.Arrays.copyOf(data, lastSegment[0]); // cut at a segment boundary
        assertThatThrownBy(() -> readAll(sealing(key, binding, "configmaps").open(new ByteArrayInputStream(withoutLast))))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("truncated");
        byte[] midSegment = java.util.Arrays.copyOf(data, segments.get(1)[0] + 50);
        assertThatThrownBy(() -> readAll(sealing(key, binding, "configmaps").open(new ByteArrayInputStream(midSegment))))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("truncated");
    }

    @Test
    void anotherKeyBackupOrTypeDoesNotDecrypt() throws Exception {
        write("sealed.tar.zst", sealing(key, binding, "configmaps"));
        EncryptionKey other = newKey();
        for (ArchiveSealing wrong : List.of(sealing(other, binding, "configmaps"),
                sealing(key, new EntryBinding(3, "b1", "id-2"), "configmaps"),
                sealing(key, new EntryBinding(3, "b2", "id-1"), "configmaps"),
                sealing(key, binding, "secrets"))) {
            assertThatThrownBy(() -> readAll(wrong.open(Files.newInputStream(file("sealed.tar.zst")))))
                    .isInstanceOf(DecryptionException.class).hasMessageContaining("decryption failed")
                    .hasMessageContaining("fingerprint " + wrong.key().fingerprint());
        }
    }

    @Test
    void aFormat3BackupIsIntactAndReadsOneObjectWithThePassphraseItWasTakenWith() throws Exception {
        EncryptionKey phrase = EncryptionKey.fromPassphrase("a passphrase for the format 3 backup");
        try (io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport t = new io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport(dir.resolve("cluster"))) {
            t.fixture.backup(t.cluster, t.storage, io.jenkins.plugins.k8sbackup.backup.BackupSpec.builder().name("b3")
                    .includeNamespaces(io.jenkins.plugins.k8sbackup.testkit.SampleApp.NAMESPACES)
                    .encryption(io.jenkins.plugins.k8sbackup.backup.BackupSpec.EncryptionMode.all).build(), phrase);
            IntegrityReport r = BackupIntegrityCheck.checkAll(t.storage, "b3", java.util.Optional.of(phrase), t.fixture.progress);
            assertThat(r.problems()).isEmpty();
            assertThat(r.objectsChecked()).isPositive();
            assertThat(r.authentication()).startsWith("authenticated");
            try (BackupReader reader = BackupReader.open(t.storage, "b3", java.util.Optional.of(phrase))) {
                assertThat(reader.manifest().formatVersion()).isEqualTo(3);
                assertThat(reader.manifest().keyDerivation().iterations()).isEqualTo(600_000);
                ObjectRecord secret = reader.index().values().stream().filter(o -> o.name().equals("db-credentials"))
                        .findFirst().orElseThrow();
                BackupReader.StoredItem item = reader.readObject(secret);
                assertThat(item.ok()).as(item.error()).isTrue();
                assertThat(item.object().at("/metadata/name").asText()).isEqualTo("db-credentials");
                // the index's digest of an encrypted object is keyed: not the SHA-256 of its JSON
                assertThat(secret.sha256()).isNotEqualTo(io.jenkins.plugins.k8sbackup.util.Sha256.hex(
                        io.jenkins.plugins.k8sbackup.util.Json.MAPPER.writeValueAsBytes(item.object())));
            }
            IntegrityReport keyless = BackupIntegrityCheck.checkAll(t.storage, "b3", java.util.Optional.empty(), t.fixture.progress);
            assertThat(keyless.problems()).isEmpty();
            assertThat(keyless.warnings()).anySatisfy(w -> assertThat(w).contains("their archives' SHA-256"));
        }
    }

    @Test
    void storageDyingMidArchiveAbortsIt() throws Exception {
        io.jenkins.plugins.k8sbackup.storage.BackupStorage dyingStorage =
                io.jenkins.plugins.k8sbackup.testing.FailingStorage.dyingAfter(storage, 100_000);
        assertThatThrownBy(() -> {
            try (TypeArchiveWriter w = new TypeArchiveWriter(dyingStorage.create("dying.tar.zst"), Instant.EPOCH, sealing(key, binding, "configmaps"))) {
                for (Map.Entry<String, byte[]> e : objects.entrySet()) {
                    w.add(e.getKey(), e.getValue());
                }
                w.finish();
            }
        }).hasMessageContaining("simulated storage failure");
        assertThat(storage.exists("dying.tar.zst")).isFalse();
    }
}
