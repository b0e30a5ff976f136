package io.jenkins.plugins.k8sbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.LeaseRecord;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Leaves at a storage location what a run killed midway leaves there: its claim on the name (a lease that expires
 * at the given time, held by "ci-agent-7 (pid 4242)"), a file it published, and a file it was still writing (a
 * temporary file on a directory, a multipart upload with one part on S3). Close the returned writer at the end.
 */
public final class KilledRun {
    public static final String HOLDER = "ci-agent-7 (pid 4242)";

    private KilledRun() {}

    public static StorageWriter leave(BackupStorage storage, BackupKind kind, String name, Instant claimExpiry,
                                      String publishedKey, String unfinishedKey) throws Exception {
        Instant start = claimExpiry.minus(Duration.ofMinutes(2));
        storage.write(kind.leasePrefix() + name + "/write.json", Json.MAPPER.writeValueAsBytes(
                new LeaseRecord("killed-run", HOLDER, "backup", start, claimExpiry)));
        storage.write(publishedKey, new byte[100]);
        StorageWriter killed = storage.create(unfinishedKey);
        byte[] chunk = new byte[1 << 20];
        new Random(1).nextBytes(chunk);
        for (int i = 0; i < 20; i++) { // the SDK starts a multipart upload once two parts (8 MiB each) are buffered
            killed.write(chunk);
        }
        killed.flush();
        String dir = unfinishedKey.substring(0, unfinishedKey.lastIndexOf('/') + 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // S3: the upload and its parts go asynchronously
        while (storage.listUnfinished(dir).stream().noneMatch(o -> o.size() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(storage.listUnfinished(dir)).singleElement().matches(o -> o.size() > 0);
        return killed;
    }
}
