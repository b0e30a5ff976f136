package io.jenkins.plugins.k8sbackup.jenkins.testing;

import com.cloudbees.plugins.credentials.TestCredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.TestExtensions;
import hudson.model.Computer;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.util.StreamTaskListener;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import jenkins.model.Jenkins;
import jenkins.model.TestJenkins;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * Runs a step's execution against the stand-in as Pipeline would: a build of a job, its log, a workspace
 * on an "agent" (a FilePath with a channel) and the build's environment. One per test.
 */
public final class StepHarness {
    public final Path root;
    public final Path home;
    public final Path workspaceDir;
    public final TestJob job;
    public final TestRun run;
    public final EnvVars env = new EnvVars();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final TaskListener listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
    private FilePath workspace;

    private Computer computer;

    public StepHarness(Path root, String jobName, int buildNumber) throws IOException {
        this(root, jobName, buildNumber, null);
    }

    /** {@code parent}: the group the job is in (null: the Jenkins root, where jobs are created by hand). */
    public StepHarness(Path root, String jobName, int buildNumber, ItemGroup<?> parent) throws IOException {
        this.root = root;
        this.home = Files.createDirectories(root.resolve("jenkins-home"));
        this.workspaceDir = Files.createDirectories(root.resolve("workspace"));
        TestExtensions.clear();
        TestCredentialsStore.clear();
        TestCreds.resetScopes();
        TestJenkins.install(home.toFile(), ACL.lambda2((a, p) -> true));
        this.job = new TestJob(parent == null ? Jenkins.get() : parent, jobName);
        this.run = new TestRun(job, buildNumber, Files.createDirectories(root.resolve("builds/" + buildNumber)).toFile());
        this.workspace = new FilePath(AGENT, workspaceDir.toString());
        env.put("JOB_NAME", jobName);
        env.put("BUILD_NUMBER", String.valueOf(buildNumber));
    }

    /** A channel that marks the workspace as remote; the stand-in still runs callables in this JVM. */
    public static final VirtualChannel AGENT = new VirtualChannel() { };

    public StepHarness onController() {
        workspace = new FilePath(workspaceDir.toFile());
        return this;
    }

    /** Inside {@code node('built-in')}: the computer of the Jenkins node itself, and a workspace on its disk. */
    public StepHarness onBuiltInNode() {
        computer = new NodeComputer(Jenkins.get());
        return onController();
    }

    /** The job's saved Pipeline definition, as config.xml holds it ({@code null}: no definition element). */
    public StepHarness definition(String definitionClass) throws IOException {
        Path dir = job.getRootDir().toPath();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.xml"), "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition plugin=\"workflow-job\">"
                + "<description/>" + (definitionClass == null ? "" : "<definition class=\"" + definitionClass
                + "\" plugin=\"workflow-cps\"><script>node {}</script><sandbox>true</sandbox></definition>")
                + "<disabled>false</disabled></flow-definition>");
        return this;
    }

    /** A computer of a node (the stand-in's Computer keeps its node). */
    static final class NodeComputer extends Computer {
        NodeComputer(Node node) {
            super(node);
        }
    }

    public StepHarness permissions(BiPredicate<Authentication, Permission> acl) {
        TestJenkins.install(home.toFile(), ACL.lambda2((a, p) -> acl.test(a, p)));
        return this;
    }

    public StepHarness credentials(IdCredentials... credentials) {
        for (IdCredentials c : credentials) {
            TestCredentialsStore.add(c);
        }
        return this;
    }

    public String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    public Result result() {
        return run.getResult();
    }

    /** Runs the step; returns its value or throws what the step failed with. */
    public Object run(Step step) throws Exception {
        TestContext context = new TestContext(this);
        step.start(context).start();
        if (context.failure != null) {
            if (context.failure instanceof Exception e) {
                throw e;
            }
            throw new AssertionError(context.failure);
        }
        return context.value;
    }

    /** Runs the step, expecting it to fail; returns the failure. */
    public Throwable runFailing(Step step) throws Exception {
        TestContext context = new TestContext(this);
        step.start(context).start();
        if (context.failure == null) {
            throw new AssertionError("expected the step to fail; it returned " + context.value + "\nlog:\n" + log());
        }
        return context.failure;
    }

    /** Upstream a WorkflowJob is a Queue.Task, so its builds' getParent() serves both Run and Queue.Executable. */
    public static final class TestJob extends Job<TestJob, TestRun> implements Queue.Task {
        private Authentication authentication = ACL.SYSTEM2;

        public TestJob(ItemGroup<?> parent, String fullName) {
            super(parent, fullName);
        }

        /** The authentication its builds run as (upstream: Authorize Project, or the task's own default). */
        public TestJob runsAs(Authentication a) {
            this.authentication = a;
            return this;
        }

        @Override
        public Authentication getDefaultAuthentication2() {
            return authentication;
        }

        @Override
        public String getDisplayName() {
            return getFullName();
        }
    }

    /** Another build of this step's job, e.g. one that keeps an executor busy. */
    public TestRun otherBuild(int number) throws IOException {
        return new TestRun(job, number, Files.createDirectories(root.resolve("builds/" + number)).toFile());
    }

    /** A build, as executors see it (upstream a WorkflowRun or an AbstractBuild is a Queue.Executable). */
    public static final class TestRun extends Run<TestJob, TestRun> implements Queue.Executable {
        private final File rootDir;

        TestRun(TestJob job, int number, File rootDir) throws IOException {
            super(job);
            this.number = number;
            this.rootDir = rootDir;
        }

        @Override
        public File getRootDir() {
            return rootDir;
        }

        @Override
        public void run() {
        }
    }

    static final class TestContext extends StepContext {
        private static final long serialVersionUID = 1L;
        private final transient Map<Class<?>, Object> values = new HashMap<>();
        private final transient StepHarness harness;
        Object value;
        Throwable failure;

        TestContext(StepHarness h) {
            this.harness = h;
            values.put(Run.class, h.run);
            values.put(TaskListener.class, h.listener);
            values.put(FilePath.class, h.workspace);
            values.put(EnvVars.class, h.env);
            if (h.computer != null) {
                values.put(Computer.class, h.computer);
            }
        }

        @Override
        public <T> T get(Class<T> key) {
            return key.cast(values.get(key));
        }

        @Override
        public void onSuccess(Object result) {
            value = result;
        }

        @Override
        public void onFailure(Throwable t) {
            failure = t;
        }

        @Override
        public void setResult(Result r) {
            harness.run.setResult(r);
        }
    }
}
