package io.jenkins.plugins.k8sbackup.jenkinshome;

/** A path restore refused or failed, and why. */
public record FileProblem(String path, String message) {}
