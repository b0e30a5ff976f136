package io.jenkins.plugins.k8sbackup.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import io.jenkins.plugins.k8sbackup.selection.NamespaceMapping;
import io.jenkins.plugins.k8sbackup.selection.SelectionPlan;
import io.jenkins.plugins.k8sbackup.transform.TransformException;
import io.jenkins.plugins.k8sbackup.transform.Transformed;
import io.jenkins.plugins.k8sbackup.transform.Transforms;
import java.io.IOException;
import java.util.List;

/**
 * The objects a restore of this selection would write, as it would write them (sanitised and mapped), for
 * diff and verify. Objects never restored by rule and dependencies taken only because the selection needs
 * them are left out; unreadable ones come with their error. Each comes with the fields the sanitising left out
 * on purpose ({@link Sanitizer#policyDrops}), for the comparison to report as notes. The restore's transforms
 * apply last: what they leave out is left out, a transform that fails is the object's error.
 */
public final class DesiredObjects {
    public record Desired(ResourceType type, ObjectRecord record, String namespace, String name, ObjectNode object,
                          List<Sanitizer.PolicyDrop> dropped, String error) {
        public String ref() {
            return type.qualifiedName() + " " + (namespace == null ? "" : namespace + "/") + name;
        }
    }

    public interface Visitor {
        void visit(Desired desired) throws IOException, InterruptedException;
    }

    private DesiredObjects() {}

    /**
     * The desired form of a stored object, as restore writes it and diff and verify compare it: a sanitised copy,
     * put into its target namespace. {@code stored} is left as it is. Transforms apply to this form.
     */
    public static ObjectNode desiredForm(String resource, JsonNode stored, Sanitizer sanitizer, NamespaceMapping mapping) {
        return mapping.apply(resource, sanitizer.sanitize(resource, ((ObjectNode) stored).deepCopy()));
    }

    public static void forEach(BackupReader reader, SelectionPlan plan, Sanitizer sanitizer, Transforms transforms, ResourceType type,
                               Visitor visitor)
            throws IOException, InterruptedException {
        NamespaceMapping mapping = plan.selection().mapping();
        String resource = type.qualifiedName();
        reader.forEach(resource, r -> plan.wanted(type, r) && !plan.dependency(type, r), item -> {
            ObjectRecord rec = item.record();
            String ns = mapping.target(rec.namespace());
            String name = resource.equals(WellKnownTypes.NAMESPACES) ? mapping.target(rec.name()) : rec.name();
            String error = item.ok() ? SelectionPlan.mismatch(rec, item.object()) : item.error();
            if (error != null) {
                visitor.visit(new Desired(type, rec, ns, name, null, List.of(), error));
                return;
            }
            if (!plan.wantedObject(type, rec, item.object()) || sanitizer.skipReason(resource, item.object()) != null) {
                return;
            }
            Transformed desired;
            try {
                desired = transforms.apply(resource, rec.namespace(), desiredForm(resource, item.object(), sanitizer, mapping));
            } catch (TransformException e) {
                visitor.visit(new Desired(type, rec, ns, name, null, List.of(), e.getMessage()));
                return;
            }
            if (!desired.excluded()) {
                visitor.visit(new Desired(type, rec, ns, name, desired.object(), sanitizer.policyDrops(resource, item.object()), null));
            }
        });
    }
}
