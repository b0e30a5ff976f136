package io.jenkins.plugins.k8sbackup.testkit;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order in which an API server lists a group's versions, highest priority first (Kubernetes'
 * CompareKubeAwareVersionStrings): GA before beta before alpha, a higher major and then a higher minor number
 * first, and versions not of the form v1, v1beta2, v1alpha1 last, alphabetically. The first one is the group's
 * preferred version: this is how a real API server picks it for the CRDs of a group.
 */
final class KubeVersionOrder {
    private static final Pattern KUBE_LIKE = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    static final Comparator<String> HIGHEST_FIRST = Comparator.comparingInt(KubeVersionOrder::stability)
            .thenComparing(Comparator.comparingLong(KubeVersionOrder::major).reversed())
            .thenComparing(Comparator.comparingLong(KubeVersionOrder::minor).reversed())
            .thenComparing(Comparator.naturalOrder());

    private KubeVersionOrder() {}

    /** 0 GA, 1 beta, 2 alpha, 3 anything else. */
    private static int stability(String version) {
        Matcher m = KUBE_LIKE.matcher(version);
        if (!m.matches()) {
            return 3;
        }
        return m.group(2) == null ? 0 : m.group(2).equals("beta") ? 1 : 2;
    }

    private static long major(String version) {
        Matcher m = KUBE_LIKE.matcher(version);
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    private static long minor(String version) {
        Matcher m = KUBE_LIKE.matcher(version);
        return m.matches() && m.group(3) != null ? Long.parseLong(m.group(3)) : 0;
    }
}
