package io.jenkins.plugins.k8sbackup.util;

import java.util.concurrent.ThreadFactory;

/** Threads for the engine's pools: named, so a thread dump says whose they are, and daemons, so none keeps a JVM up. */
public final class DaemonThreads {
    private DaemonThreads() {}

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
