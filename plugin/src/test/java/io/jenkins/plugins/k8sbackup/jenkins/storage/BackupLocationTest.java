package io.jenkins.plugins.k8sbackup.jenkins.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.NamedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.CredentialResolver;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import io.jenkins.plugins.k8sbackup.storage.StorageUri;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupLocationTest {
    @TempDir
    Path tmp;
    StepHarness h;
    CredentialResolver credentials;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "job", 1);
        credentials = new CredentialResolver(h.run, "k8sBackup");
    }

    LocationContext onAgent() {
        return new LocationContext(credentials, new FilePath(StepHarness.AGENT, h.workspaceDir.toString()), false);
    }

    LocationContext onController() {
        return new LocationContext(credentials, new FilePath(h.workspaceDir.toFile()), false);
    }

    @Test
    void s3BuildsTheEngineLocationTheCliParsesFromItsUriAndResolvesItsCredentials() throws Exception {
        h.credentials(new TestCreds.UserPass("minio", "access", "secret-key-1"));
        S3Location s3 = new S3Location("backups");
        s3.setPrefix("/prod/cluster-a");
        s3.setRegion("eu-west-1");
        s3.setEndpoint("http://127.0.0.1:9000");
        s3.setPathStyle(true);
        s3.setCredentialsId("minio");

        ResolvedStorage r = s3.resolve(onAgent());

        assertThat(r.location()).isEqualTo(StorageUri.parse("s3://backups/prod/cluster-a?endpoint=http://127.0.0.1:9000&region=eu-west-1&pathStyle=true"));
        assertThat(r.keys().accessKeyId()).isEqualTo("access");
        assertThat(r.describe()).contains("s3://backups/prod/cluster-a/").doesNotContain("secret-key-1");
    }

    @Test
    void theSameSettingsGiveTheSameLocationAsTheCliUriWhateverTheAddressingStyle() throws Exception {
        S3Location minio = new S3Location(" backups ");
        minio.setPrefix("team/");
        minio.setEndpoint("https://minio.example.com:9000");
        S3Location virtualHost = new S3Location("backups");
        virtualHost.setRegion("eu-west-1");

        assertThat(minio.resolve(onAgent()).location())
                .isEqualTo(StorageUri.parse("s3://backups/team/?endpoint=https://minio.example.com:9000"))
                .satisfies(l -> assertThat(((StorageLocation.S3) l).usesPathStyle()).isTrue());
        assertThat(virtualHost.resolve(onAgent()).location()).isEqualTo(StorageUri.parse("s3://backups/?region=eu-west-1"))
                .satisfies(l -> assertThat(((StorageLocation.S3) l).usesPathStyle()).isFalse());
    }

    @Test
    void s3WithoutCredentialsUsesTheDefaultChain() throws Exception {
        ResolvedStorage r = new S3Location("backups").resolve(onAgent());

        assertThat(r.location()).isEqualTo(StorageUri.parse("s3://backups"));
        assertThat(r.keys()).isNull();
        assertThat(r.describe()).contains("AWS default credentials");
    }

    @Test
    void s3RefusesBadSettingsBeforeResolvingCredentials() {
        S3Location badBucket = new S3Location("Bad_Bucket");
        S3Location traversal = new S3Location("backups");
        traversal.setPrefix("a/../../b");
        S3Location userInfo = new S3Location("backups");
        userInfo.setEndpoint("https://key:secret@minio.example.com");

        assertThatThrownBy(() -> badBucket.resolve(onAgent())).isInstanceOf(AbortException.class).hasMessage("k8sBackup: s3 storage: invalid S3 bucket name 'Bad_Bucket': 3-63 lower-case letters, digits, '.', '-'");
        assertThatThrownBy(() -> traversal.resolve(onAgent())).hasMessageContaining("'..' segments");
        assertThatThrownBy(() -> userInfo.resolve(onAgent())).hasMessageContaining("contains credentials").hasMessageNotContaining("secret");
    }

    @Test
    void directoryIsWorkspaceRelativeOnAnAgent() throws Exception {
        ResolvedStorage r = new DirectoryLocation("out/backups").resolve(onAgent());

        assertThat(r.isWorkspaceRelative()).isTrue();
        assertThat(r.target(h.workspaceDir.toFile()).location())
                .isEqualTo(StorageUri.parse(h.workspaceDir.resolve("out/backups").toString()));
    }

    @Test
    void directoryRefusesAbsolutePathsTraversalAndTheController() {
        assertThatThrownBy(() -> new DirectoryLocation("/var/backups").resolve(onAgent())).hasMessageContaining("relative to the workspace");
        assertThatThrownBy(() -> new DirectoryLocation("a/../../etc").resolve(onAgent())).hasMessageContaining("must not contain '..'");
        assertThatThrownBy(() -> new DirectoryLocation("backups").resolve(onController()))
                .isInstanceOf(AbortException.class).hasMessageContaining("would write to the Jenkins controller's disk");
        assertThatThrownBy(() -> new DirectoryLocation("backups").resolve(new LocationContext(credentials, null, false)))
                .hasMessageContaining("controller's disk");
    }

    @Test
    void aPredefinedLocationIsFoundByNameAndMayBeAnAbsoluteDirectoryEvenOnTheController() throws Exception {
        Path dir = tmp.resolve("shared-backups");
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("nightly", new DirectoryLocation(dir.toString()))));

        ResolvedStorage r = new NamedLocation("nightly").resolve(onController());

        assertThat(r.isWorkspaceRelative()).isFalse();
        assertThat(r.target(null).location()).isEqualTo(StorageUri.parse(dir.toString()));
    }

    @Test
    void anUnknownNameListsTheDefinedOnes() {
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("prod", new S3Location("prod-backups")),
                new PredefinedLocation("staging", new S3Location("staging-backups"))));

        assertThatThrownBy(() -> new NamedLocation("prdo").resolve(onAgent())).isInstanceOf(AbortException.class)
                .hasMessageContaining("no storage location named 'prdo'").hasMessageContaining("defined: prod, staging");
    }

    @Test
    void aPredefinedDirectoryMustBeAbsolute() {
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("rel", new DirectoryLocation("relative/dir"))));

        assertThatThrownBy(() -> new NamedLocation("rel").resolve(onAgent())).hasMessageContaining("must be an absolute path");
    }
}
