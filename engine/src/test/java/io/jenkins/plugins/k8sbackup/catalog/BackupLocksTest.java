package io.jenkins.plugins.k8sbackup.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.storage.StorageException;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.testing.ForwardingStorage;
import io.jenkins.plugins.k8sbackup.testing.TestStore;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Leases in time: renewal, expiry, takeover, unreadable lease objects, and races between runs. */
class BackupLocksTest {
    @RegisterExtension
    static final S3ProxyFixture S3 = new S3ProxyFixture();
    /** Short enough to watch expire in a test. */
    static final LeaseTimes SHORT = new LeaseTimes(Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofMillis(200));

    @TempDir
    Path dir;
    BackupStorage storage;
    final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        storage.close();
    }

    private BackupLocks locks(TestStore store, Clock clock) throws Exception {
        if (storage == null) {
            storage = store.open(store.uri(dir, S3), S3);
        }
        return new BackupLocks(storage, BackupKind.KUBERNETES, clock, SHORT, log::add);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aHolderKeepsItsLeaseByRenewingItPastItsFirstExpiry(TestStore store) throws Exception {
        BackupLocks locks = locks(store, Clock.systemUTC());
        try (BackupLease claim = locks.claim("b1", "backup")) {
            Instant firstExpiry = claim.record().expiresAt();
            Thread.sleep(SHORT.duration().plus(SHORT.clockSkew()).plusMillis(500).toMillis());

            assertThat(claim.record().expiresAt()).isAfter(firstExpiry);
            assertThatThrownBy(() -> locks.claim("b1", "backup")).isInstanceOf(BackupInUseException.class);
            claim.checkHeld();
        }
        assertThat(storage.list("leases/")).as("released").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aLeaseThatIsNotRenewedInTimeIsTakenOverAndItsHolderFindsOut(TestStore store) throws Exception {
        BackupLocks healthy = locks(store, Clock.systemUTC());
        // the holder's renewals fail from the start, as in a network outage
        BackupStorage cutOff = new ForwardingStorage(storage) {
            @Override
            public StorageWriter create(String key) throws IOException {
                throw new StorageException("simulated outage: cannot write " + key);
            }
        };
        BackupLocks partitioned = new BackupLocks(cutOff, BackupKind.KUBERNETES, Clock.systemUTC(), SHORT, log::add);
        try (BackupLease stalled = partitioned.claim("b1", "backup")) {
            Thread.sleep(SHORT.duration().plus(SHORT.clockSkew()).plusMillis(300).toMillis());

            try (BackupLease successor = healthy.claim("b1", "backup")) {
                assertThat(log).anyMatch(l -> l.contains("backup 'b1': took over the stale lease (being written): backup by"));
                // its own clock says it could not renew in time, or a renewal attempt found the successor's lease
                assertThatThrownBy(stalled::checkHeld).isInstanceOf(LeaseLostException.class)
                        .hasMessageContaining("is no longer held by this backup: its lease");
                assertThatThrownBy(() -> stalled.publish("backups/b1/manifest.json", "{}".getBytes(UTF_8)))
                        .isInstanceOf(LeaseLostException.class);
                assertThat(storage.exists("backups/b1/manifest.json")).isFalse();
                stalled.close();
                successor.checkHeld(); // the stalled holder's close leaves the successor's lease alone
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void ofRunsRacingToTakeOverOneStaleClaimExactlyOneGetsIt(TestStore store) throws Exception {
        BackupLocks locks = locks(store, Clock.systemUTC());
        Instant past = Instant.now().minus(Duration.ofHours(1));
        storage.write("leases/backups/b1/write.json", Json.MAPPER.writeValueAsBytes(
                new LeaseRecord("dead", "gone (pid 1)", "backup", past, past.plusSeconds(120))));
        int runs = 6;
        CyclicBarrier start = new CyclicBarrier(runs);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        List<BackupLease> won = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                all.add(pool.submit(() -> {
                    start.await();
                    try {
                        won.add(locks.claim("b1", "backup"));
                    } catch (BackupInUseException lost) {
                        // the others
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(1, TimeUnit.MINUTES);
            }
            assertThat(won).hasSize(1);
            won.get(0).checkHeld();
            assertThat(storage.list("leases/backups/b1/")).extracting(o -> o.key())
                    .containsExactly("leases/backups/b1/write.json");
        } finally {
            won.forEach(BackupLease::close);
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anUnreadableLeaseObjectCountsAsHeldUntilItAgesOut(TestStore store) throws Exception {
        locks(store, Clock.systemUTC());
        // long enough for a store whose modification times have whole seconds
        LeaseTimes seconds = new LeaseTimes(Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofMillis(500));
        BackupLocks locks = new BackupLocks(storage, BackupKind.KUBERNETES, Clock.systemUTC(), seconds, log::add);
        storage.write("leases/backups/b1/write.json", "{\"id\": \"half-writ".getBytes(UTF_8));

        assertThatThrownBy(() -> locks.claim("b1", "backup")).isInstanceOf(BackupInUseException.class)
                .hasMessageContaining("is being written: unreadable lease object stored at");
        Thread.sleep(seconds.duration().plus(seconds.clockSkew()).plusMillis(1500).toMillis());

        try (BackupLease claim = locks.claim("b1", "backup")) {
            claim.checkHeld();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void readersAndDeletersKeepOutOfEachOthersWay(TestStore store) throws Exception {
        BackupLocks locks = locks(store, Clock.systemUTC());
        storage.write("backups/b1/manifest.json", "{}".getBytes(UTF_8));
        try (BackupLease reading = locks.read("b1", "verify")) {
            assertThatThrownBy(() -> locks.delete("b1", "delete")).isInstanceOf(BackupInUseException.class)
                    .hasMessageContaining("is being read: verify by");
            try (BackupLease second = locks.read("b1", "restore")) {
                assertThat(locks.leases("b1")).extracting(LeaseState::type).containsOnly(LeaseState.Type.read).hasSize(2);
            }
        }
        try (BackupLease deleting = locks.delete("b1", "retention")) {
            assertThatThrownBy(() -> locks.read("b1", "restore")).isInstanceOf(BackupInUseException.class)
                    .hasMessageContaining("is being deleted: retention by");
            assertThatThrownBy(() -> locks.claim("b1", "backup")).isInstanceOf(BackupInUseException.class)
                    .hasMessageContaining("is being deleted");
            assertThatThrownBy(() -> locks.delete("b1", "delete")).isInstanceOf(BackupInUseException.class);
        }
        assertThat(locks.leases("b1")).as("every refused lease was withdrawn").isEmpty();
    }
}
