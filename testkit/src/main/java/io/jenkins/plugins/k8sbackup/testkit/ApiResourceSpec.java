package io.jenkins.plugins.k8sbackup.testkit;

import java.util.List;

/** One resource type the embedded API advertises through discovery. */
public record ApiResourceSpec(String group, String version, String plural, String kind, boolean namespaced,
                              List<String> verbs) {
    static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    static ApiResourceSpec of(String groupVersion, String plural, String kind, boolean namespaced) {
        return of(groupVersion, plural, kind, namespaced, ALL_VERBS);
    }

    static ApiResourceSpec of(String groupVersion, String plural, String kind, boolean namespaced, List<String> verbs) {
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = slash < 0 ? groupVersion : groupVersion.substring(slash + 1);
        return new ApiResourceSpec(group, version, plural, kind, namespaced, verbs);
    }

    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
