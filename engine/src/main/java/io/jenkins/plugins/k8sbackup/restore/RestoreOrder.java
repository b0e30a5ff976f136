package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a restore. Each step finishes before the next starts; within a step types go one after the
 * other in the order below and each type's objects in parallel. StorageClasses and PriorityClasses join the
 * dependency step because PVCs and Pods name them at admission.
 */
public final class RestoreOrder {
    public record Step(String name, List<ResourceType> types) {}

    static final List<String> CRDS = List.of(WellKnownTypes.CRDS);
    static final List<String> NAMESPACES = List.of(WellKnownTypes.NAMESPACES);
    static final List<String> DEPENDENCIES = List.of(WellKnownTypes.SERVICE_ACCOUNTS, "configmaps", WellKnownTypes.SECRETS,
            "limitranges", "storageclasses.storage.k8s.io", "priorityclasses.scheduling.k8s.io", WellKnownTypes.PVS,
            WellKnownTypes.PVCS);
    static final List<String> SERVICES = List.of(WellKnownTypes.SERVICES);
    static final List<String> WORKLOADS = List.of("deployments.apps", "statefulsets.apps", "daemonsets.apps", "jobs.batch",
            "cronjobs.batch");
    static final List<String> WEBHOOKS = List.of("validatingwebhookconfigurations.admissionregistration.k8s.io",
            "mutatingwebhookconfigurations.admissionregistration.k8s.io");
    private static final List<List<String>> FIXED = List.of(CRDS, NAMESPACES, DEPENDENCIES, SERVICES, WORKLOADS);

    private RestoreOrder() {}

    public static List<Step> steps(List<ResourceType> types) {
        List<Step> steps = new ArrayList<>();
        String[] names = {"CRDs", "Namespaces", "ServiceAccounts, ConfigMaps, Secrets, LimitRanges, PVs, PVCs", "Services", "workloads"};
        for (int i = 0; i < FIXED.size(); i++) {
            steps.add(new Step(names[i], pick(types, FIXED.get(i))));
        }
        // built-in types before custom ones, then by name: a stable order a reader can predict
        List<ResourceType> rest = types.stream().filter(t -> FIXED.stream().noneMatch(f -> f.contains(t.qualifiedName()))
                        && !WEBHOOKS.contains(t.qualifiedName()))
                .sorted(Comparator.comparing(ResourceType::isCustom).thenComparing(ResourceType::qualifiedName)).toList();
        steps.add(new Step("other resources", rest));
        steps.add(new Step("admission webhooks", pick(types, WEBHOOKS)));
        return steps;
    }

    private static List<ResourceType> pick(List<ResourceType> types, List<String> order) {
        List<ResourceType> out = new ArrayList<>();
        for (String name : order) {
            types.stream().filter(t -> t.qualifiedName().equals(name)).forEach(out::add);
        }
        return out;
    }
}
