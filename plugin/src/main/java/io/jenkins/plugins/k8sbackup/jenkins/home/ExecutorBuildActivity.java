package io.jenkins.plugins.k8sbackup.jenkins.home;

import hudson.model.Computer;
import hudson.model.Executor;
import hudson.model.Queue;
import hudson.model.Run;
import io.jenkins.plugins.k8sbackup.jenkinshome.BuildActivity;
import java.util.HashSet;
import java.util.Set;
import jenkins.model.Jenkins;

/**
 * The builds running on this controller's executors, for the quiet wait of a JENKINS_HOME backup. A Pipeline build
 * occupies a one-off executor for itself plus one executor per running {@code node} block; all of them lead to the
 * same build through {@link Queue.Executable#getParentExecutable()}, so builds are counted once each, and the build
 * running the backup ({@code selfId}, its {@link Run#getExternalizableId()}) not at all.
 */
public final class ExecutorBuildActivity implements BuildActivity {

    @Override
    public int runningBuildsExcluding(String selfId) {
        Set<Object> builds = new HashSet<>();
        for (Computer c : Jenkins.get().getComputers()) {
            for (Executor e : c.getAllExecutors()) {
                Queue.Executable running = e.getCurrentExecutable();
                if (running != null) {
                    Object build = identity(root(running));
                    if (!build.equals(selfId)) {
                        builds.add(build);
                    }
                }
            }
        }
        return builds.size();
    }

    private static Queue.Executable root(Queue.Executable e) {
        Queue.Executable current = e;
        for (int depth = 0; depth < 16; depth++) { // a parent chain is one or two deep; never loop on a broken one
            Queue.Executable parent = current.getParentExecutable();
            if (parent == null || parent == current) {
                return current;
            }
            current = parent;
        }
        return current;
    }

    /** A build by its id; anything else that is not a build (rare: a custom task) by itself. */
    private static Object identity(Queue.Executable e) {
        return e instanceof Run<?, ?> r ? r.getExternalizableId() : e;
    }

    /** The id a step passes as {@code selfId} for its own build. */
    public static String idOf(Run<?, ?> run) {
        return run.getExternalizableId();
    }
}
