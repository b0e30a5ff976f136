package io.jenkins.plugins.k8sbackup.bench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Commands timed as whole processes, round after round, the order rotated each round so that none always runs first
 * (a warm page cache, a quieter moment): prints each run and the medians, each against a baseline command's.
 */
final class RotatingRounds {
    private final Map<String, List<Double>> wall = new LinkedHashMap<>();
    private final Map<String, List<Double>> cpu = new LinkedHashMap<>();
    private final List<String> names;

    private RotatingRounds(List<String> names) {
        this.names = names;
    }

    /** {@code extraArgs(tool, round)} is appended to the tool's command (e.g. a backup name of its own). */
    static RotatingRounds run(Map<String, List<String>> tools, int rounds, Map<String, String> env, Path stdout,
                              BiFunction<String, Integer, List<String>> extraArgs) throws Exception {
        RotatingRounds result = new RotatingRounds(new ArrayList<>(tools.keySet()));
        System.out.printf("%-6s %-11s %9s %9s%n", "round", "tool", "seconds", "cpu s");
        for (int r = 1; r <= rounds; r++) {
            List<String> order = new ArrayList<>(result.names);
            Collections.rotate(order, r - 1);
            for (String tool : order) {
                List<String> cmd = new ArrayList<>(tools.get(tool));
                cmd.addAll(extraArgs.apply(tool, r));
                TimedProcess t = TimedProcess.run(cmd, env, stdout);
                result.wall.computeIfAbsent(tool, x -> new ArrayList<>()).add(t.seconds());
                result.cpu.computeIfAbsent(tool, x -> new ArrayList<>()).add(t.cpuSeconds());
                System.out.printf("%-6d %-11s %9.2f %9.2f%n", r, tool, t.seconds(), t.cpuSeconds());
            }
        }
        return result;
    }

    /** One line per tool: median wall and CPU seconds and their ratios to {@code baseline}'s medians. */
    void printMedians(String baseline) {
        double bw = TimedProcess.median(wall.get(baseline)), bc = TimedProcess.median(cpu.get(baseline));
        for (String tool : names) {
            double w = TimedProcess.median(wall.get(tool)), c = TimedProcess.median(cpu.get(tool));
            System.out.printf("median %-11s wall %.2f s (%s) = %.2fx %s; CPU %.2f s = %.2fx %s%n", tool, w,
                    TimedProcess.range(wall.get(tool)), w / bw, baseline, c, c / bc, baseline);
        }
    }
}
