package io.jenkins.plugins.k8sbackup.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, printed with every figure: on a shared machine the figures follow it. */
public final class LoadAverage {
    private LoadAverage() {}

    /** "1-minute 5-minute 15-minute", from /proc/loadavg where there is one. */
    public static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
