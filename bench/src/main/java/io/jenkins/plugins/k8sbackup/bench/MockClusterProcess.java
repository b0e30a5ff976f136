package io.jenkins.plugins.k8sbackup.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;

/** The embedded API in a child JVM, so the benchmark JVM's heap holds only the engine's work. */
public final class MockClusterProcess implements AutoCloseable {
    private final Process process;
    public final String url;

    public MockClusterProcess(Path kubeconfig, String mode, String heap) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // No simulated controllers: their reconcile loop would share the API's CPU that the benchmarks measure.
        process = new ProcessBuilder(List.of(java, "-Xmx" + heap, "-Dk8sbackup.mock.controllers=false",
                "-cp", System.getProperty("java.class.path"),
                "io.jenkins.plugins.k8sbackup.testkit.MockClusterMain", "0", kubeconfig.toString(), mode))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        String line;
        String found = null;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                found = line.substring(6);
                break;
            }
        }
        if (found == null) {
            process.destroyForcibly();
            throw new IOException("the embedded API did not start");
        }
        url = found;
    }

    /** CPU seconds the embedded API has used so far (user + system, from /proc; 0 where there is none). */
    public double cpuSeconds() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
