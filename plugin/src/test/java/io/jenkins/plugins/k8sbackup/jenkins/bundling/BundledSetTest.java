package io.jenkins.plugins.k8sbackup.jenkins.bundling;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.jenkins.bundling.BundledSet.Exclusion;
import io.jenkins.plugins.k8sbackup.jenkins.bundling.BundledSet.Provided;
import io.jenkins.plugins.k8sbackup.jenkins.bundling.DependencyTree.Node;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The .hpi bundles only what no API plugin provides, one version of each library, and the engine is built against the
 * versions the API plugins ship. Inputs: the engine's runtime dependency tree resolved by this build
 * ({@code dependency:tree} in plugin-standin), the exclusions and {@code hpi.bundledArtifacts} that plugin/pom.xml
 * declares, and api-plugins.tsv (what each API plugin provides, with its source).
 */
class BundledSetTest {
    private static final String ENGINE = "k8s-backup-engine";

    @Test
    void theDeclaredBundleIsExactlyWhatNoApiPluginProvides() throws Exception {
        Node engine = engineNode(DependencyTree.parse(Files.readAllLines(Path.of(property("bundling.tree")))));
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of(property("bundling.pluginPom")).toFile());
        BundledSet set = BundledSet.of(engine, engineExclusions(pom));

        List<String> problems = set.problems(table(), bundledArtifacts(pom));

        assertThat(problems).isEmpty();
        assertThat(set.bundled).extracting(Node::artifactId).containsExactlyInAnyOrder(ENGINE, "zstd-jni");
        assertThat(set.compiledAgainst).extracting(Node::toString)
                .contains("io.fabric8:kubernetes-client:7.3.1", "software.amazon.awssdk:s3:2.33.4",
                        "org.apache.commons:commons-compress:1.28.0");
    }

    @Test
    void aLibraryBothBundledAndProvidedIsAnOverlap() {
        Node engine = tree("""
                io.jenkins.plugins:k8s-backup-engine:jar:1
                +- io.fabric8:kubernetes-client:jar:7.3.1:compile
                \\- com.github.luben:zstd-jni:jar:1.5.7-28:compile
                """);
        List<String> problems = BundledSet.of(engine, List.of()).problems(table(), null);
        assertThat(problems).anyMatch(p -> p.startsWith("overlap: io.fabric8:kubernetes-client:7.3.1"));
    }

    @Test
    void anExcludedLibraryThatNobodyProvidesIsMissing() {
        Node engine = tree("""
                io.jenkins.plugins:k8s-backup-engine:jar:1
                \\- org.example:unknown:jar:1.0:compile
                """);
        List<String> problems = BundledSet.of(engine, List.of(new Exclusion("org.example", "*"))).problems(table(), null);
        assertThat(problems).containsExactly(
                "missing: org.example:unknown:1.0 is excluded from the .hpi but no API plugin in api-plugins.tsv provides it");
    }

    @Test
    void anotherSdkVersionThanThePluginsShipIsSkewEvenWhenExcluded() {
        Node engine = tree("""
                io.jenkins.plugins:k8s-backup-engine:jar:1
                \\- software.amazon.awssdk:s3:jar:2.57.8:compile
                   \\- software.amazon.awssdk:sdk-core:jar:2.57.8:compile
                """);
        List<String> problems = BundledSet.of(engine, List.of(new Exclusion("software.amazon.awssdk", "*"))).problems(table(), null);
        assertThat(problems).containsExactly(
                "skew: the engine is built against software.amazon.awssdk:s3:2.57.8 but io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-s3 ships 2.33.4",
                "skew: the engine is built against software.amazon.awssdk:sdk-core:2.57.8 but io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-core ships 2.33.4");
    }

    @Test
    void twoVersionsOfOneLibraryInTheBundleAreADuplicate() {
        Node engine = tree("""
                io.jenkins.plugins:k8s-backup-engine:jar:1
                +- org.example:lib:jar:1.0:compile
                \\- io.etcd:jetcd-core:jar:0.8.7:compile
                   +- io.netty:netty-codec-http2:jar:4.1.118.Final:compile
                   \\- io.vertx:vertx-grpc:jar:5.1.2:compile
                      \\- io.netty:netty-handler:jar:4.2.2.Final:compile
                """);
        List<Provided> noNetty = table().stream().filter(p -> !p.groupId().equals("io.netty") && !p.groupId().equals("io.vertx")
                && !p.groupId().equals("io.etcd")).toList();
        List<String> problems = BundledSet.of(engine, List.of()).problems(noNetty, null);
        assertThat(problems).contains("duplicate: io.netty:* would be bundled in versions [4.1.118.Final, 4.2.2.Final]");
    }

    @Test
    void aBundleThatDiffersFromHpiBundledArtifactsIsReported() {
        Node engine = tree("""
                io.jenkins.plugins:k8s-backup-engine:jar:1
                \\- com.github.luben:zstd-jni:jar:1.5.7-28:compile
                """);
        assertThat(BundledSet.of(engine, List.of()).problems(table(), Set.of(ENGINE)))
                .containsExactly("hpi.bundledArtifacts in plugin/pom.xml is [k8s-backup-engine] but the .hpi would bundle "
                        + "[k8s-backup-engine, zstd-jni]");
    }

    private static Node tree(String text) {
        return DependencyTree.parse(text.lines().toList());
    }

    private static Node engineNode(Node root) {
        return root.children().stream().filter(n -> n.artifactId().equals(ENGINE)).findFirst()
                .orElseThrow(() -> new AssertionError("the runtime tree has no " + ENGINE + ": " + root.children()));
    }

    private static List<Provided> table() {
        try (InputStream in = BundledSetTest.class.getResourceAsStream("api-plugins.tsv")) {
            return BundledSet.parseTable(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Exclusion> engineExclusions(Document pom) {
        NodeList deps = pom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            if (text(dep, "artifactId").equals(ENGINE)) {
                List<Exclusion> exclusions = new ArrayList<>();
                NodeList ex = dep.getElementsByTagName("exclusion");
                for (int j = 0; j < ex.getLength(); j++) {
                    Element e = (Element) ex.item(j);
                    exclusions.add(new Exclusion(text(e, "groupId"), text(e, "artifactId")));
                }
                return exclusions;
            }
        }
        throw new AssertionError("plugin/pom.xml does not depend on " + ENGINE);
    }

    private static Set<String> bundledArtifacts(Document pom) {
        String list = pom.getElementsByTagName("hpi.bundledArtifacts").item(0).getTextContent();
        return new TreeSet<>(Arrays.stream(list.split(",")).map(String::strip).toList());
    }

    private static String text(Element e, String child) {
        return e.getElementsByTagName(child).item(0).getTextContent().strip();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by plugin-standin's surefire configuration)").isNotNull();
        return value;
    }
}
