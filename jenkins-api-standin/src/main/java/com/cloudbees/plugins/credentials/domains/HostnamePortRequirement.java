package com.cloudbees.plugins.credentials.domains;

public class HostnamePortRequirement extends HostnameRequirement {
    private static final long serialVersionUID = 1L;
    private final int port;

    public HostnamePortRequirement(String hostname, int port) {
        super(hostname);
        this.port = port;
    }

    public int getPort() {
        return port;
    }

    @Override
    public String toString() {
        return "hostname " + getHostname() + ":" + port;
    }
}
