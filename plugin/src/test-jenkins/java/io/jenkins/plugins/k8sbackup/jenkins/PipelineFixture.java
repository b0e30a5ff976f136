package io.jenkins.plugins.k8sbackup.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.io.IOException;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** What the JenkinsRule Pipeline tests share: the embedded cluster's token credential and running a script as a job. */
final class PipelineFixture {
    private PipelineFixture() {}

    /** A global secret-text credential {@code k8s-token} holding the embedded cluster's bearer token. */
    static void addClusterToken(JenkinsRule j) throws IOException {
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "k8s-token", "mock cluster", Secret.fromString(MockCluster.TOKEN)));
    }

    /** Runs {@code script} (sandboxed) as a new Pipeline job {@code name} and checks the build's result. */
    static WorkflowRun run(JenkinsRule j, String name, String script, Result expected) throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, p);
    }
}
