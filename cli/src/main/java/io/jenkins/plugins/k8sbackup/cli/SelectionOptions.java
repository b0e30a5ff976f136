package io.jenkins.plugins.k8sbackup.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which objects of a backup restore, diff and verify look at, and where their namespaces go. Namespace filters and
 * objects name the backup's namespaces; the mapping applies after the selection (diff and verify compare with the
 * mapped namespaces).
 */
final class SelectionOptions {
    @Option(names = "--include-namespaces", split = ",", description = "namespaces of the backup ('*' globs)")
    List<String> includeNamespaces = new ArrayList<>();
    @Option(names = "--exclude-namespaces", split = ",", description = "namespaces of the backup to leave out")
    List<String> excludeNamespaces = new ArrayList<>();
    @Option(names = "--include-resources", split = ",", description = "types: configmaps, deployments.apps, *.example.com")
    List<String> includeResources = new ArrayList<>();
    @Option(names = "--exclude-resources", split = ",", description = "types to leave out")
    List<String> excludeResources = new ArrayList<>();
    @Option(names = {"-l", "--selector"}, description = "label selector")
    String selector;
    @Option(names = "--object", description = "one object: resource/namespace/name or resource/name (repeatable)")
    List<String> objects = new ArrayList<>();
    @Option(names = "--namespace-map",
            description = "from=to: namespace 'from' of the backup is restored as (diff, verify: compared with) 'to' (repeatable)")
    Map<String, String> namespaceMap = new LinkedHashMap<>();
    @Option(names = "--include-cluster-resources", arity = "1",
            description = "true: all cluster-scoped objects, false: none; default: what the selection needs")
    Boolean includeClusterResources;
}
