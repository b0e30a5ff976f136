package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.k8sbackup.transform.CloneRules;
import io.jenkins.plugins.k8sbackup.transform.RulesFile;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The transform parameters k8sRestore, verifyRestore and k8sDiff share (the CLI's --transforms and built-in
 * options): {@code transforms} is a Velero resource modifiers file in the workspace, or the YAML itself.
 */
final class TransformParams implements java.io.Serializable {
    String transforms;
    Map<String, String> storageClasses = Map.of();
    Map<String, String> imagePrefixes = Map.of();
    List<String> hosts = List.of();
    Integer replicas;
    boolean dropHpa;
    Integer hpaMax;
    boolean stripNodePlacement;
    String excludeSecrets;

    /** The spec the engine applies; a bad file or option fails the step with its name in front. */
    TransformSpec spec(String stepName, FilePath workspace) throws AbortException, InterruptedException {
        try {
            List<RulesFile> files = transforms == null || transforms.isBlank() ? List.of() : List.of(rules(stepName, workspace));
            return new TransformSpec(files, CloneRules.builder().storageClasses(storageClasses).imagePrefixes(imagePrefixes)
                    .hosts(hosts).replicas(replicas).dropHpa(dropHpa).hpaMaxReplicas(hpaMax).stripNodePlacement(stripNodePlacement)
                    .excludeSecrets(excludeSecrets).build());
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
    }

    private RulesFile rules(String stepName, FilePath workspace) throws AbortException, InterruptedException {
        String value = transforms.strip();
        if (value.contains("\n") || value.startsWith("version:")) {
            return new RulesFile("inline transforms", value);
        }
        if (value.startsWith("/") || value.contains("..") || value.contains("\\")) {
            throw new AbortException(stepName + ": transforms '" + value + "' must be a path inside the workspace (or the YAML itself)");
        }
        try {
            FilePath file = workspace.child(value);
            if (!file.exists()) {
                throw new AbortException(stepName + ": transforms file '" + value + "' is not in the workspace");
            }
            return new RulesFile(value, file.readToString());
        } catch (IOException e) {
            throw new AbortException(stepName + ": cannot read transforms file '" + value + "': " + e.getMessage());
        }
    }
}
