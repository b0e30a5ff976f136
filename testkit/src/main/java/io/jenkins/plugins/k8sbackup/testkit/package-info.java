/** Embedded Kubernetes API and sample data for tests, benchmarks and the demo. */
package io.jenkins.plugins.k8sbackup.testkit;
