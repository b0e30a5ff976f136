package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.CredentialResolver;
import io.jenkins.plugins.k8sbackup.transform.CloneRules;
import io.jenkins.plugins.k8sbackup.transform.RulesFile;
import io.jenkins.plugins.k8sbackup.transform.SecretValues;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    /** "namespace/secret/KEY" (the backup's namespace) → id of a secret text credential holding the value. */
    Map<String, String> secretValues = Map.of();

    /** The spec the engine applies; a bad file or option fails the step with its name in front. */
    TransformSpec spec(String stepName, FilePath workspace, CredentialResolver credentials) throws AbortException, InterruptedException {
        List<SecretValues> substitutions = substitutions(stepName, credentials);
        try {
            List<RulesFile> files = transforms == null || transforms.isBlank() ? List.of() : List.of(rules(stepName, workspace));
            return new TransformSpec(files, CloneRules.builder().storageClasses(storageClasses).imagePrefixes(imagePrefixes)
                    .hosts(hosts).replicas(replicas).dropHpa(dropHpa).hpaMaxReplicas(hpaMax).stripNodePlacement(stripNodePlacement)
                    .excludeSecrets(excludeSecrets).secretValues(substitutions).build());
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
    }

    /** One substitution per Secret, its values read from the credentials (and masked in the log). */
    private List<SecretValues> substitutions(String stepName, CredentialResolver credentials) throws AbortException {
        Map<String, Map<String, String>> bySecret = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : secretValues.entrySet()) {
            String[] parts = e.getKey().split("/");
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                throw new AbortException(stepName + ": secretValues key '" + e.getKey() + "' must be namespace/secret/KEY");
            }
            String value = credentials.secretText(e.getValue(), "the value of " + e.getKey());
            bySecret.computeIfAbsent(parts[0] + "/" + parts[1], k -> new LinkedHashMap<>()).put(parts[2], value);
        }
        List<SecretValues> out = new ArrayList<>();
        bySecret.forEach((secret, values) -> {
            int slash = secret.indexOf('/');
            out.add(new SecretValues(secret.substring(0, slash), secret.substring(slash + 1), values));
        });
        return out;
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
