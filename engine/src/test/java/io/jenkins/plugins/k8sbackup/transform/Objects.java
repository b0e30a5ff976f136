package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Kubernetes objects and rule files for the transform tests, written as YAML. */
final class Objects {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Objects() {}

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        try (InputStream in = Objects.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transforms rules(String source, String yaml) {
        return new TransformSpec(java.util.List.of(new RulesFile(source, yaml)), null).compile();
    }

    static ObjectNode pvc(String ns, String name, String storageClass, String labels) {
        return yaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %s, namespace: %s, labels: {%s}}
                spec: {storageClassName: %s, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """.formatted(name, ns, labels, storageClass));
    }

    static ObjectNode deployment(String ns, String name) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: %s, labels: {app: web}}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      nodeSelector: {pool: prod}
                      tolerations: [{key: dedicated, operator: Equal, value: prod, effect: NoSchedule}]
                      affinity:
                        nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [a]}]}]}}
                        podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: zone}}]}
                      initContainers:
                      - {name: migrate, image: registry.prod.example.com/shop/migrate:1}
                      containers:
                      - name: web
                        image: registry.prod.example.com/shop/web:2
                        env: [{name: MODE, value: prod}, {name: LOG, value: info}]
                        ports: [{containerPort: 8080, name: http}]
                      - {name: sidecar, image: docker.io/envoy:1}
                """.formatted(name, ns));
    }
}
