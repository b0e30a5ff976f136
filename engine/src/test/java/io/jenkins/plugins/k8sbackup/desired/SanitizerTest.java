package io.jenkins.plugins.k8sbackup.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.restore.MergePatch;
import io.jenkins.plugins.k8sbackup.selection.LabelSelector;
import io.jenkins.plugins.k8sbackup.selection.NamespaceMapping;
import io.jenkins.plugins.k8sbackup.selection.SelectionPlan;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SanitizerTest {
    final Sanitizer sanitizer = new Sanitizer(false, false);

    static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void dropsServerAssignedMetadataAndStatusButKeepsGenerateName() throws Exception {
        ObjectNode o = sanitizer.sanitize("configmaps", json("{'metadata':{'name':'a','generateName':'a-','uid':'u','resourceVersion':'1',"
                + "'generation':2,'creationTimestamp':'t','deletionTimestamp':'t','deletionGracePeriodSeconds':30,'selfLink':'/x',"
                + "'managedFields':[{}],'labels':{'k':'v'}},'status':{'x':1},'data':{'a':'b'}}"));
        assertThat(o).isEqualTo(json("{'metadata':{'name':'a','generateName':'a-','labels':{'k':'v'}},'data':{'a':'b'}}"));
        ObjectNode kept = new Sanitizer(false, true).sanitize("configmaps", json("{'metadata':{'name':'a'},'status':{'x':1}}"));
        assertThat(kept.has("status")).isTrue();
    }

    @Test
    void unpinsServicesPodsJobsAndClaims() throws Exception {
        ObjectNode svc = sanitizer.sanitize("services", json("{'metadata':{'name':'s'},'spec':{'clusterIP':'10.0.0.1','clusterIPs':['10.0.0.1'],"
                + "'healthCheckNodePort':31000,'ports':[{'port':80,'nodePort':30080}]}}"));
        assertThat(svc.at("/spec")).isEqualTo(json("{'ports':[{'port':80}]}"));
        ObjectNode headless = sanitizer.sanitize("services", json("{'metadata':{'name':'s'},'spec':{'clusterIP':'None','clusterIPs':['None']}}"));
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        ObjectNode kept = new Sanitizer(true, false).sanitize("services", json("{'metadata':{'name':'s'},'spec':{'ports':[{'nodePort':30080}]}}"));
        assertThat(kept.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);

        ObjectNode pod = sanitizer.sanitize("pods", json("{'metadata':{'name':'p'},'spec':{'nodeName':'n1','priority':1000,'priorityClassName':'high'}}"));
        assertThat(pod.at("/spec")).isEqualTo(json("{'priorityClassName':'high'}"));

        ObjectNode job = sanitizer.sanitize("jobs.batch", json("{'metadata':{'name':'j'},'spec':{'selector':{'matchLabels':{'controller-uid':'x'}},"
                + "'template':{'metadata':{'labels':{'controller-uid':'x','batch.kubernetes.io/controller-uid':'x','job-name':'j'}}}}}"));
        assertThat(job.at("/spec")).isEqualTo(json("{'template':{'metadata':{'labels':{'job-name':'j'}}}}"));

        ObjectNode pv = sanitizer.sanitize("persistentvolumes", json("{'metadata':{'name':'pv'},'spec':{'claimRef':{'namespace':'a','name':'c','uid':'u','resourceVersion':'9'}}}"));
        assertThat(pv.at("/spec/claimRef")).isEqualTo(json("{'namespace':'a','name':'c'}"));

        ObjectNode pvc = json("{'metadata':{'name':'c','annotations':{'pv.kubernetes.io/bind-completed':'yes','keep':'1'}},'spec':{'volumeName':'pv'}}");
        Sanitizer.dropVolumeBinding(pvc);
        assertThat(pvc).isEqualTo(json("{'metadata':{'name':'c','annotations':{'keep':'1'}},'spec':{}}"));
    }

    @Test
    void skipsGeneratedTokensAndEmptiesUserMadeOnes() throws Exception {
        ObjectNode generated = json("{'type':'kubernetes.io/service-account-token','metadata':{'name':'web-token-x7k2p',"
                + "'annotations':{'kubernetes.io/service-account.name':'web'}}}");
        assertThat(sanitizer.skipReason("secrets", generated)).contains("auto-generated");
        ObjectNode userMade = json("{'type':'kubernetes.io/service-account-token','metadata':{'name':'ci-token',"
                + "'annotations':{'kubernetes.io/service-account.name':'web','kubernetes.io/service-account.uid':'u'}},"
                + "'data':{'token':'dA==','ca.crt':'Yw==','extra':'eA=='}}");
        assertThat(sanitizer.skipReason("secrets", userMade)).isNull();
        assertThat(sanitizer.sanitize("secrets", userMade)).isEqualTo(json("{'type':'kubernetes.io/service-account-token',"
                + "'metadata':{'name':'ci-token','annotations':{'kubernetes.io/service-account.name':'web'}},'data':{'extra':'eA=='}}"));
        ObjectNode sa = sanitizer.sanitize("serviceaccounts", json("{'metadata':{'name':'web'},'secrets':[{'name':'web-token-x7k2p'},{'name':'pull'}]}"));
        assertThat(sa.get("secrets")).isEqualTo(Json.MAPPER.readTree("[{\"name\":\"pull\"}]"));
        assertThat(sanitizer.skipReason("pods", json("{'metadata':{'name':'p'},'status':{'phase':'Succeeded'}}"))).contains("completed");
    }

    @Test
    void mapsNamespacesAndTheirReferences() throws Exception {
        NamespaceMapping m = new NamespaceMapping(Map.of("shop", "shop-staging"));
        assertThat(m.apply("namespaces", json("{'metadata':{'name':'shop','labels':{'kubernetes.io/metadata.name':'shop'}}}")))
                .isEqualTo(json("{'metadata':{'name':'shop-staging','labels':{'kubernetes.io/metadata.name':'shop-staging'}}}"));
        assertThat(m.apply("clusterrolebindings.rbac.authorization.k8s.io", json("{'metadata':{'name':'b'},'subjects':["
                + "{'kind':'ServiceAccount','name':'web','namespace':'shop'},{'kind':'ServiceAccount','name':'x','namespace':'other'},{'kind':'User','name':'u'}]}")).get("subjects"))
                .isEqualTo(Json.MAPPER.readTree("[{\"kind\":\"ServiceAccount\",\"name\":\"web\",\"namespace\":\"shop-staging\"},"
                        + "{\"kind\":\"ServiceAccount\",\"name\":\"x\",\"namespace\":\"other\"},{\"kind\":\"User\",\"name\":\"u\"}]"));
        assertThat(m.apply("persistentvolumes", json("{'metadata':{'name':'pv'},'spec':{'claimRef':{'namespace':'shop','name':'c'}}}")).at("/spec/claimRef/namespace").asText())
                .isEqualTo("shop-staging");
        assertThat(m.apply("validatingwebhookconfigurations.admissionregistration.k8s.io", json("{'metadata':{'name':'w'},'webhooks':[{'clientConfig':{'service':{'namespace':'shop','name':'web'}}}]}"))
                .at("/webhooks/0/clientConfig/service/namespace").asText()).isEqualTo("shop-staging");
        assertThat(NamespaceMapping.parse(List.of("a=b", "c=d"))).containsEntry("a", "b").containsEntry("c", "d");
        assertThatThrownBy(() -> NamespaceMapping.parse(List.of("a=x", "b=x"))).hasMessageContaining("two namespaces are mapped to 'x'");
        assertThatThrownBy(() -> NamespaceMapping.parse(List.of("a"))).hasMessageContaining("expected source=target");
    }

    @Test
    void refusesAnObjectThatIsNotTheOneItsArchivePathNames() throws Exception {
        var rec = new io.jenkins.plugins.k8sbackup.archive.ObjectRecord("resources/configmaps/namespaces/shop/a.json",
                "configmaps", "v1", "ConfigMap", "shop", "a", "0", 1, false);
        assertThat(SelectionPlan.mismatch(rec, json("{'metadata':{'name':'a','namespace':'shop'}}"))).isNull();
        assertThat(SelectionPlan.mismatch(rec, json("{'metadata':{'name':'a','namespace':'kube-system'}}")))
                .contains("kube-system/a").contains("not the object its archive path names");
        assertThat(SelectionPlan.mismatch(rec, Json.MAPPER.readTree("[1]"))).isEqualTo("not a Kubernetes object");
    }

    @Test
    void labelSelectorsAndMergePatches() throws Exception {
        ObjectNode o = json("{'metadata':{'labels':{'app':'web','tier':'front'}}}");
        assertThat(LabelSelector.parse("app=web,tier in (front, back),!gone").matches(o)).isTrue();
        assertThat(LabelSelector.parse("app!=web").matches(o)).isFalse();
        assertThat(LabelSelector.parse("tier notin (front)").matches(o)).isFalse();
        assertThat(LabelSelector.parse("missing").matches(o)).isFalse();
        assertThat(MergePatch.between(json("{'a':1,'b':{'c':1,'d':2},'e':[1]}"), json("{'a':1,'b':{'c':2},'e':[2],'f':3}")))
                .isEqualTo(Json.MAPPER.readTree("{\"b\":{\"c\":2,\"d\":null},\"e\":[2],\"f\":3}"));
    }
}
