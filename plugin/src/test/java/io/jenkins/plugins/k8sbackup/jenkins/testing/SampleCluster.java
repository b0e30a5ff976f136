package io.jenkins.plugins.k8sbackup.jenkins.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.jenkins.steps.ClusterStep;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded cluster with the sample app deployed, shared by the tests of a class
 * ({@code @RegisterExtension static final SampleCluster cluster = new SampleCluster();}), and the wiring every
 * cluster step of those tests needs: a token credential, the cluster's URL and a workspace directory as storage.
 */
public final class SampleCluster implements BeforeAllCallback, AfterAllCallback {
    private MockCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        cluster.close();
    }

    public String url() {
        return cluster.url();
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    /** The embedded cluster itself: its exec simulator, pods in phase Running. */
    public MockCluster mock() {
        return cluster;
    }

    /** Points {@code step} at this cluster with credential {@code credentialsId}, storing in workspace dir 'backups'. */
    public <S extends ClusterStep<?>> S connect(S step, String credentialsId) {
        step.setCredentialsId(credentialsId);
        step.setServerUrl(cluster.url());
        step.setStorage(new DirectoryLocation("backups"));
        return step;
    }
}
