package com.cloudbees.plugins.credentials.domains;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Stand-in: scheme, hostname and port of a URI as requirements (the real builder also has a path requirement). */
public class URIRequirementBuilder {
    private final List<DomainRequirement> requirements = new ArrayList<>();

    private URIRequirementBuilder() {
    }

    public static URIRequirementBuilder create() {
        return new URIRequirementBuilder();
    }

    public static URIRequirementBuilder fromUri(String uri) {
        return create().withUri(uri);
    }

    public URIRequirementBuilder withUri(String uri) {
        requirements.clear();
        if (uri == null) {
            return this;
        }
        try {
            URI u = new URI(uri);
            if (u.getScheme() != null) {
                requirements.add(new SchemeRequirement(u.getScheme()));
            }
            if (u.getHost() != null) {
                requirements.add(u.getPort() == -1 ? new HostnameRequirement(u.getHost()) : new HostnamePortRequirement(u.getHost(), u.getPort()));
            }
        } catch (java.net.URISyntaxException e) {
            // the real builder ignores unparseable URIs too
        }
        return this;
    }

    public List<DomainRequirement> build() {
        return new ArrayList<>(requirements);
    }
}
