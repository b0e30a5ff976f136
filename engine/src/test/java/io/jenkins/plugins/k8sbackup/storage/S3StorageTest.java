package io.jenkins.plugins.k8sbackup.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class S3StorageTest extends BackupStorageContractTest {
    /** The smallest part S3 accepts, so that the multipart path runs with little data. */
    static final long PART_SIZE = 5L * MIB;

    @RegisterExtension
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    @Override
    protected BackupStorage newStorage() throws IOException {
        return S3Storage.open((StorageLocation.S3) StorageUri.parse(S3.uniqueUri()), S3.credentials(), PART_SIZE);
    }

    @Override
    protected void assertNoLeftovers() {
        assertThat(S3.pendingUploads()).isEmpty();
    }

    @Test
    void keysAreRelativeToTheUriPrefix() throws IOException {
        storage.write("backups/b1/manifest.json", "{}".getBytes(UTF_8));

        String prefix = ((S3Storage) storage).location().prefix();
        assertThat(S3.client().listObjectsV2(b -> b.bucket(S3ProxyFixture.BUCKET).prefix(prefix)).contents())
                .extracting(o -> o.key()).containsExactly(prefix + "backups/b1/manifest.json");
        try (BackupStorage other = newStorage()) {
            assertThat(other.list("")).isEmpty();
            assertThat(other.listChildren("")).isEmpty();
        }
    }

    @Test
    void withoutConditionalPutsCreateExclusiveFallsBackToLookWriteReadBack() throws IOException {
        try (S3Storage plain = S3Storage.open((StorageLocation.S3) StorageUri.parse(S3.uniqueUri()), S3.credentials(), PART_SIZE, false)) {
            assertThat(plain.createExclusive("leases/backups/b1/write.json", "first".getBytes(UTF_8))).isTrue();
            assertThat(plain.createExclusive("leases/backups/b1/write.json", "second".getBytes(UTF_8))).isFalse();
            assertThat(plain.read("leases/backups/b1/write.json")).asString(UTF_8).isEqualTo("first");
        }
    }

    @Test
    void anUploadOfAKilledWriterIsAbortedWithItsBackupNotOnlyByTheLifecycleRule() throws Exception {
        String prefix = ((S3Storage) storage).location().prefix();
        String upload = S3.client().createMultipartUpload(b -> b.bucket(S3ProxyFixture.BUCKET)
                .key(prefix + "jenkins/j1/home.tar.zst")).uploadId();
        S3.client().uploadPart(b -> b.bucket(S3ProxyFixture.BUCKET).key(prefix + "jenkins/j1/home.tar.zst").uploadId(upload)
                .partNumber(1), software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[1234]));

        assertThat(storage.listUnfinished("jenkins/")).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("jenkins/j1/home.tar.zst");
            assertThat(o.size()).isEqualTo(1234);
        });
        storage.deletePrefix("jenkins/j1/");
        assertThat(storage.listUnfinished("jenkins/")).isEmpty();
        assertThat(S3.pendingUploads()).noneMatch(u -> u.key().startsWith(prefix));
    }

    @Test
    void describeShowsLocationButNoSecret() {
        assertThat(storage.describe()).startsWith("s3://" + S3ProxyFixture.BUCKET + "/t")
                .contains("endpoint=" + S3.endpoint()).doesNotContain(S3ProxyFixture.CREDENTIAL);
    }

    @Test
    void factoryOpensS3Uris() throws IOException {
        try (BackupStorage s = StorageFactory.open(S3.uniqueUri(), S3.credentials())) {
            assertThat(s).isInstanceOf(S3Storage.class);
            s.write("a", new byte[] {7});
            assertThat(s.read("a")).containsExactly(7);
        }
    }
}
