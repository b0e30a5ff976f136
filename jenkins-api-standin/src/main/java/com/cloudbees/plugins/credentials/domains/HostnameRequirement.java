package com.cloudbees.plugins.credentials.domains;

public class HostnameRequirement extends DomainRequirement {
    private static final long serialVersionUID = 1L;
    private final String hostname;

    public HostnameRequirement(String hostname) {
        this.hostname = hostname;
    }

    public String getHostname() {
        return hostname;
    }

    @Override
    public String toString() {
        return "hostname " + hostname;
    }
}
