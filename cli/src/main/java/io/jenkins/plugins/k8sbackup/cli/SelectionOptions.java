package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.selection.SelectionBuilder;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which objects backup, restore, diff and verify take: namespaces, resources, a label selector and the cluster-scoped
 * choice. For restore, diff and verify the namespaces are the backup's, before the mapping. The values go as they are
 * to the engine's one parser ({@link SelectionBuilder}), which checks them.
 */
final class SelectionOptions {
    @Option(names = {"-n", "--include-namespaces"}, split = ",",
            description = "namespaces ('*' globs; -n for one or a few); restore, diff, verify: the backup's namespaces")
    List<String> includeNamespaces = new ArrayList<>();
    @Option(names = "--exclude-namespaces", split = ",", description = "namespaces to leave out")
    List<String> excludeNamespaces = new ArrayList<>();
    @Option(names = "--include-resources", split = ",", description = "types: deployments, deployments.apps, *.example.com")
    List<String> includeResources = new ArrayList<>();
    @Option(names = "--exclude-resources", split = ",", description = "types to leave out")
    List<String> excludeResources = new ArrayList<>();
    @Option(names = {"-l", "--selector"}, description = "label selector, e.g. app=web,tier!=cache")
    String selector;
    @Option(names = "--include-cluster-resources", arity = "1",
            description = "true: all cluster-scoped objects, false: none; default: what the selection needs")
    Boolean includeClusterResources;

    /** Hands these options to a selection (or spec) builder, whose build checks them. */
    <B extends SelectionBuilder<B>> B applyTo(B builder) {
        return builder.includeNamespaces(includeNamespaces).excludeNamespaces(excludeNamespaces)
                .includeResources(includeResources).excludeResources(excludeResources).labelSelector(selector)
                .includeClusterResources(includeClusterResources);
    }
}
