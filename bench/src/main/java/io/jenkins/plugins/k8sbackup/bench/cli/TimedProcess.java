package io.jenkins.plugins.k8sbackup.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs a command as a whole process under /usr/bin/time: wall seconds and the CPU seconds it and its children used. */
record TimedProcess(double seconds, double cpuSeconds) {

    static TimedProcess run(List<String> command, Map<String, String> env, Path stdout) throws IOException, InterruptedException {
        Path times = Files.createTempFile("bench-time", ".txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", times.toString()));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        int rc = pb.start().waitFor();
        String[] f = Files.readAllLines(times).stream().filter(l -> l.matches("[0-9. ]+")).reduce((a, b) -> b).orElse("0 0 0").trim().split(" ");
        Files.deleteIfExists(times);
        if (rc != 0) {
            throw new IllegalStateException("exit " + rc + ": " + String.join(" ", command));
        }
        return new TimedProcess(Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]));
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String range(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("%.2f-%.2f", v[0], v[v.length - 1]);
    }

    static List<String> split(String command) {
        return Arrays.asList(command.trim().split("\\s+"));
    }
}
