package io.jenkins.plugins.k8sbackup.desired;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the restore changes on purpose, as diff and verify report it: node ports, declared IPs and nodes, tokens. */
class PolicyNotesTest {
    final Sanitizer sanitizer = new Sanitizer(false, false);
    final ObjectComparison comparison = new ObjectComparison(sanitizer);

    static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private List<String> notes(String resource, ObjectNode stored, ObjectNode live) {
        ObjectNode desired = sanitizer.sanitize(resource, stored.deepCopy());
        assertThat(comparison.changes(resource, desired, live)).as("policy differences are not changes").isEmpty();
        return comparison.notes(resource, sanitizer.policyDrops(resource, stored), desired, live).stream()
                .map(PolicyNote::toString).toList();
    }

    @Test
    void nodePortsAreNotedWheneverTheyDiffer() throws Exception {
        ObjectNode stored = json("{'metadata':{'name':'s'},'spec':{'type':'LoadBalancer','clusterIP':'10.0.0.1',"
                + "'healthCheckNodePort':32000,'ports':[{'port':80,'nodePort':30080},{'port':443,'nodePort':30443}]}}");
        ObjectNode live = json("{'metadata':{'name':'s'},'spec':{'type':'LoadBalancer','clusterIP':'10.9.9.9',"
                + "'healthCheckNodePort':32111,'ports':[{'port':80,'nodePort':30080},{'port':443,'nodePort':31443}]}}");

        assertThat(notes("services", stored, live)).containsExactly(
                "spec.ports[1].nodePort 30443 -> 31443: " + "assigned by the cluster: node ports are not preserved "
                        + "(restore --preserve-node-ports keeps them)",
                "spec.healthCheckNodePort 32000 -> 32111: assigned by the cluster: node ports are not preserved "
                        + "(restore --preserve-node-ports keeps them)");
        // an undeclared cluster IP was the old cluster's choice: no note
        assertThat(notes("services", stored, live)).noneMatch(n -> n.startsWith("spec.clusterIP"));
        assertThat(new Sanitizer(true, false).policyDrops("services", stored)).isEmpty();
    }

    /** As {@code kubectl apply} leaves it: the configuration the user applied. */
    static ObjectNode applied(ObjectNode o, String configuration) {
        ((ObjectNode) o.get("metadata")).putObject("annotations")
                .put("kubectl.kubernetes.io/last-applied-configuration", configuration.replace('\'', '"'));
        return o;
    }

    @Test
    void declaredServiceIpsAndNodesAreNoted() throws Exception {
        ObjectNode svc = applied(json("{'metadata':{'name':'dns'},'spec':{'clusterIP':'10.96.0.10','ports':[{'port':53}]}}"),
                "{'spec':{'clusterIP':'10.96.0.10'}}");
        ObjectNode liveSvc = applied(json("{'metadata':{'name':'dns'},'spec':{'clusterIP':'10.100.0.7','ports':[{'port':53}]}}"),
                "{'spec':{'clusterIP':'10.96.0.10'}}");
        assertThat(notes("services", svc, liveSvc)).containsExactly(
                "spec.clusterIP 10.96.0.10 -> 10.100.0.7: assigned by the cluster: Service IPs are not restored");

        ObjectNode pod = applied(json("{'metadata':{'name':'p'},'spec':{'nodeName':'worker-1'}}"), "{'spec':{'nodeName':'worker-1'}}");
        ObjectNode livePod = applied(json("{'metadata':{'name':'p'},'spec':{'nodeName':'worker-2'}}"), "{'spec':{'nodeName':'worker-1'}}");
        assertThat(notes("pods", pod, livePod)).containsExactly(
                "spec.nodeName worker-1 -> worker-2: chosen by the scheduler: a Pod's node is not restored");
        ObjectNode scheduled = json("{'metadata':{'name':'p'},'spec':{'nodeName':'worker-1'}}");
        ObjectNode rescheduled = json("{'metadata':{'name':'p'},'spec':{'nodeName':'worker-2'}}");
        assertThat(notes("pods", scheduled, rescheduled)).as("placed by the scheduler, not declared").isEmpty();
        assertThat(notes("pods", applied(scheduled.deepCopy(), "not json"), applied(rescheduled, "not json"))).isEmpty();
    }

    @Test
    void aReissuedTokenIsNotedWithoutItsValue() throws Exception {
        ObjectNode stored = json("{'type':'kubernetes.io/service-account-token','metadata':{'name':'ci-token',"
                + "'annotations':{'kubernetes.io/service-account.name':'ci'}},'data':{'token':'b2xkLXRva2Vu','ca.crt':'Y2E='}}");
        ObjectNode live = json("{'type':'kubernetes.io/service-account-token','metadata':{'name':'ci-token',"
                + "'annotations':{'kubernetes.io/service-account.name':'ci'}},'data':{'token':'bmV3LXRva2Vu','ca.crt':'Y2E='}}");

        List<String> notes = notes("secrets", stored, live);

        assertThat(notes).containsExactly("data.token (secret value hidden) -> (secret value hidden): issued by the cluster "
                + "for the restored ServiceAccount: tokens are not restored");
        assertThat(String.join("", notes)).doesNotContain("b2xkLXRva2Vu").doesNotContain("bmV3LXRva2Vu");
        assertThat(notes("secrets", stored, stored.deepCopy())).isEmpty();
    }

    @Test
    void aClaimThatBindsAfreshIsNoted() throws Exception {
        ObjectNode stored = json("{'metadata':{'name':'data'},'spec':{'volumeName':'pv-1','resources':{'requests':{'storage':'1Gi'}}}}");
        ObjectNode pending = json("{'metadata':{'name':'data'},'spec':{'resources':{'requests':{'storage':'1Gi'}}}}");
        assertThat(notes("persistentvolumeclaims", stored, pending)).singleElement().asString()
                .startsWith("spec.volumeName pv-1 -> unset: the restore binds a claim to the backup's volume only when");
        assertThat(notes("persistentvolumeclaims", stored, stored.deepCopy())).isEmpty();
    }

    @Test
    void fieldsReadAsUsersWriteThem() {
        assertThat(new PolicyNote("/spec/ports/0/nodePort", null, null, "").field()).isEqualTo("spec.ports[0].nodePort");
        assertThat(new PolicyNote("/metadata/annotations/a~1b~0c", null, null, "").field()).isEqualTo("metadata.annotations.a/b~c");
    }
}
