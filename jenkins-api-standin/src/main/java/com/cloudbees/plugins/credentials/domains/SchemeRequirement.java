package com.cloudbees.plugins.credentials.domains;

public class SchemeRequirement extends DomainRequirement {
    private static final long serialVersionUID = 1L;
    private final String scheme;

    public SchemeRequirement(String scheme) {
        this.scheme = scheme;
    }

    public String getScheme() {
        return scheme;
    }

    @Override
    public String toString() {
        return "scheme " + scheme;
    }
}
