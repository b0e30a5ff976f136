package io.jenkins.plugins.k8sbackup.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, printed with every figure: on a shared 2-core machine it says how far to trust it. */
public final class LoadAverage {
    private LoadAverage() {}

    public static String now() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
