package io.jenkins.plugins.k8sbackup.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * An embedded Kubernetes API on 127.0.0.1: fabric8's CRUD mock with discovery, paging, 410 and 429
 * added (see {@link MockApiDispatcher}). It has no controllers; {@link WorkloadSimulator} plays them.
 * Not served, as in the mock: namespace cascade delete, server-side apply, strategic merge patch.
 */
public final class MockCluster implements AutoCloseable {
    public static final String TOKEN = "mock-token-0123456789abcdef";
    /** Held strongly: the mock logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    private final KubernetesMockServer server;
    private final MockWebServer web;
    private final boolean https;
    private final MockApiDispatcher dispatcher;
    private final ApiFaults faults = new ApiFaults();
    private final KubernetesClient client;

    private MockCluster(int port, boolean https) throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        this.dispatcher = new MockApiDispatcher(new KubernetesMixedDispatcher(responses), faults);
        MockWebServer web = new MockWebServer();
        this.web = web;
        this.https = https;
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web, responses, dispatcher, https);
        server.init(InetAddress.getByName("127.0.0.1"), port);
        this.client = newClient(b -> {});
        // Every real cluster has these; kube-system's uid is the cluster's identity.
        for (String ns : new String[] {"default", "kube-system"}) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName(ns).endMetadata().build()).create();
        }
    }

    /** Starts on a free port. */
    public static MockCluster start() throws IOException {
        return new MockCluster(0, false);
    }

    public static MockCluster start(int port) throws IOException {
        return new MockCluster(port, false);
    }

    /**
     * Serving HTTPS with a self-signed certificate for "localhost" ({@link #caCertificateFile()}), which
     * {@link #config()} names as its certificate authority: for tests of the client's TLS set-up.
     */
    public static MockCluster startHttps() throws IOException {
        return new MockCluster(0, true);
    }

    /** The PEM certificate an HTTPS cluster serves, its own certificate authority; null for plain HTTP. */
    public String caCertificateFile() {
        return https ? web.getSelfSignedCertificate().certificatePath() : null;
    }

    /** An admin client for seeding and inspecting the cluster (not rate limited, no retries). */
    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return https ? "https://localhost:" + server.getPort() : "http://127.0.0.1:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    public ApiFaults faults() {
        return faults;
    }

    /**
     * The underlying fabric8 mock server, for expectations the CRUD store cannot answer, e.g. pod exec:
     * {@code server().expect().get().withPath(execPath).andUpgradeToWebSocket()...}. Expectations win over
     * the store; everything else still goes to it.
     */
    public KubernetesMockServer server() {
        return server;
    }

    /** Answers pods/exec (the mock has no kubelet); script it with {@link ExecSimulator#handler}. */
    public ExecSimulator exec() {
        return dispatcher.exec;
    }

    /** Stores the external-snapshotter CRDs, so the mock serves snapshot.storage.k8s.io/v1. */
    public void installVolumeSnapshotCrds() {
        try (java.io.InputStream in = MockCluster.class.getResourceAsStream("volume-snapshot-crds.yaml")) {
            for (io.fabric8.kubernetes.api.model.HasMetadata crd : client.load(in).items()) {
                client.resource(crd).create();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A VolumeSnapshotClass for {@code driver}, as a CSI driver's installation creates it. */
    public void createVolumeSnapshotClass(String name, String driver) {
        io.fabric8.kubernetes.api.model.GenericKubernetesResource cls = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        cls.setApiVersion("snapshot.storage.k8s.io/v1");
        cls.setKind("VolumeSnapshotClass");
        cls.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        cls.getAdditionalProperties().put("driver", driver);
        cls.getAdditionalProperties().put("deletionPolicy", "Delete");
        client.genericKubernetesResources(SnapshotControllerSimulator.CLASSES).resource(cls).create();
    }

    /**
     * Creates an object from its JSON as given, through the API like any create: for objects fabric8's typed model
     * refuses (a pod with {@code containerPort: "http"}) or that a test wants byte for byte. {@code collectionPath}:
     * e.g. "/api/v1/namespaces/shop/pods". Returns the stored object's JSON; a refusal throws with the answer.
     */
    public String createRaw(String collectionPath, String json) {
        io.fabric8.kubernetes.client.http.HttpClient http = client.getHttpClient();
        try {
            io.fabric8.kubernetes.client.http.HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder()
                    .uri(url() + collectionPath).post("application/json", json).build(), String.class).get();
            if (response.code() != 201 && response.code() != 200) {
                throw new IllegalStateException("POST " + collectionPath + " answered " + response.code() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("POST " + collectionPath + " failed", e.getCause());
        }
    }

    /** Discovery requests served so far (/api, /api/v1, /apis, /apis/G, /apis/G/V). */
    public int discoveryRequests() {
        return dispatcher.discoveryRequests.get();
    }

    public int pagedListRequests() {
        return dispatcher.pagedListRequests.get();
    }

    public int unpagedListRequests() {
        return dispatcher.unpagedListRequests.get();
    }

    /** GETs of single objects served so far (lists, watches and discovery not counted). */
    public int objectGetRequests() {
        return dispatcher.objectGetRequests.get();
    }

    public int writeRequests() {
        return dispatcher.writeRequests.get();
    }

    /**
     * Creates {@code count} ConfigMaps and Secrets (half each) in {@code namespace}, with 1 to 4 KiB of data,
     * straight into the store: fast enough for benchmark sizes (100k objects).
     */
    public void seedConfigMapsAndSecrets(String namespace, int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(namespace).endMetadata().build()).createOr(r -> r.update());
        for (int i = 0; i < count; i++) {
            int size = 1024 + random.nextInt(3 * 1024);
            byte[] payload = new byte[size * 3 / 4];
            random.nextBytes(payload);
            String data = java.util.Base64.getEncoder().encodeToString(payload);
            boolean secret = i % 2 == 1;
            String name = String.format("%s-%06d", secret ? "secret" : "config", i);
            // what a create would have added: uid, resourceVersion, creationTimestamp
            String metadata = "\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace
                    + "\",\"uid\":\"" + new java.util.UUID(random.nextLong(), random.nextLong()) + "\",\"resourceVersion\":\""
                    + (1000 + i) + "\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"labels\":{\"bench\":\"true\"}}";
            String json = secret
                    ? "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"Opaque\"," + metadata + ",\"data\":{\"blob\":\"" + data + "\"}}"
                    : "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"," + metadata + ",\"data\":{\"blob\":\"" + data + "\"}}";
            dispatcher.seed("/api/v1/namespaces/" + namespace + (secret ? "/secrets" : "/configmaps"),
                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * Seconds the store has spent on writes so far. fabric8's CRUD store serialises writes and scans every stored
     * object for each, so for writes made one at a time this is the floor under any restore of the same objects.
     */
    public double writeServiceSeconds() {
        return dispatcher.writeServiceNanos.get() / 1e9;
    }

    /** Writes past the 429 fault, as "METHOD path[?query] -> status code", in arrival order. */
    public java.util.List<String> writeLog() {
        return java.util.List.copyOf(dispatcher.writeLog);
    }

    public void clearWriteLog() {
        dispatcher.writeLog.clear();
    }

    /** A client configuration for this cluster, as a kubeconfig would give it. */
    public Config config() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(url()).withOauthToken(TOKEN)
                .withNamespace("default").withCaCertFile(caCertificateFile())
                .withRequestRetryBackoffLimit(0).build();
    }

    public KubernetesClient newClient(java.util.function.Consumer<ConfigBuilder> customise) {
        ConfigBuilder b = new ConfigBuilder(config());
        customise.accept(b);
        return new KubernetesClientBuilder().withConfig(b.build()).build();
    }

    /** Writes a kubeconfig with one context, "mock", pointing here. */
    public Path writeKubeconfig(Path file) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s%s
                users:
                - name: mock-admin
                  user:
                    token: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock-admin
                    namespace: default
                current-context: mock
                """.formatted(url(), https ? "\n    certificate-authority: " + caCertificateFile() : "", TOKEN);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, yaml);
        return file;
    }

    @Override
    public void close() {
        dispatcher.exec.close();
        client.close();
        server.destroy();
    }
}
