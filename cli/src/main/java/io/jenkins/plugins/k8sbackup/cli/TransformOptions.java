package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.transform.CloneRules;
import io.jenkins.plugins.k8sbackup.transform.RulesFile;
import io.jenkins.plugins.k8sbackup.transform.SecretValues;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The transforms restore, diff and verify share, so that the plan, the diff and the verification all compare with
 * the same transformed objects: Velero resource modifier files and the built-in clone rules (see docs/restore.md).
 */
final class TransformOptions {
    @Option(names = "--transforms", paramLabel = "FILE",
            description = "Velero resource modifiers file (version: v1, resourceModifierRules); repeatable, applied in order")
    List<Path> files = new ArrayList<>();
    @Option(names = "--map-storage-class", paramLabel = "FROM=TO",
            description = "storage class of PVCs, PVs and StatefulSet claim templates (repeatable)")
    Map<String, String> storageClasses = new LinkedHashMap<>();
    @Option(names = "--rewrite-image", paramLabel = "PREFIX=PREFIX",
            description = "image prefix of every container, e.g. registry.prod.example.com/=registry.staging.example.com/ (repeatable)")
    Map<String, String> imagePrefixes = new LinkedHashMap<>();
    @Option(names = "--rewrite-host", paramLabel = "FROM=TO",
            description = "hosts of Ingresses, Gateway API routes and gateways, cert-manager Certificates: exact (a.com=b.com),"
                    + " by suffix (*.example.com=*.staging.example.com) or /regex/replacement/ (repeatable, first match wins)")
    List<String> hosts = new ArrayList<>();
    @Option(names = "--scale", paramLabel = "N", description = "replicas of Deployments, StatefulSets, ReplicaSets, RCs (0 = dormant)")
    Integer replicas;
    @Option(names = "--drop-hpa", description = "leave HorizontalPodAutoscalers out")
    boolean dropHpa;
    @Option(names = "--cap-hpa-max", paramLabel = "N", description = "cap HPAs' maxReplicas (and minReplicas) at N")
    Integer hpaMax;
    @Option(names = "--strip-node-placement", description = "remove node selectors, node affinity, tolerations and nodeName of pods")
    boolean stripNodePlacement;
    @Option(names = "--exclude-secrets", paramLabel = "SELECTOR", arity = "0..1", fallbackValue = "",
            description = "leave Secrets out: those matching the label selector, or without one all but those of --secret-values")
    String excludeSecrets;
    @Option(names = "--secret-values", paramLabel = "NS/NAME=FILE",
            description = "replace all data of Secret NS/NAME (the backup's namespace) with the KEY=VALUE lines of FILE;"
                    + " its other keys are dropped (repeatable)")
    List<String> secretValues = new ArrayList<>();

    TransformSpec spec() {
        List<RulesFile> rules = files.stream().map(RulesFile::read).toList();
        CloneRules clone = CloneRules.builder().storageClasses(storageClasses).imagePrefixes(imagePrefixes).hosts(hosts)
                .replicas(replicas).dropHpa(dropHpa).hpaMaxReplicas(hpaMax).stripNodePlacement(stripNodePlacement)
                .excludeSecrets(excludeSecrets).secretValues(secretValues.stream().map(SecretValues::parse).toList()).build();
        return new TransformSpec(rules, clone);
    }
}
