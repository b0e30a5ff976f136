package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.desired.FieldChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The transform rules of one run (restore, dry-run, diff or verify), applied to each object after the namespace
 * mapping and the sanitising, before anything is compared or written. As in Velero, the rules apply in order and
 * their conditions are evaluated on the object as it was before any rule changed it, with the backup's namespace.
 * Thread-safe: the restore transforms objects in parallel. Keeps what each rule did for {@link #summary()}.
 */
public final class Transforms {
    private final List<ModifierRule> rules;
    private final AtomicLongArray matched;
    private final ConcurrentLinkedQueue<TransformSummary.ChangedObject> changed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> excluded = new ConcurrentLinkedQueue<>();

    public Transforms(List<ModifierRule> rules) {
        this.rules = List.copyOf(rules);
        this.matched = new AtomicLongArray(this.rules.size());
    }

    public static Transforms none() {
        return new Transforms(List.of());
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public List<ModifierRule> rules() {
        return rules;
    }

    /**
     * Transforms {@code object} (a copy the caller owns, already mapped to its target namespace) of type
     * {@code resource} from {@code sourceNamespace} of the backup. Throws {@link TransformException} naming the object
     * and the rule when a patch fails, or changes the object's name or namespace (that is the mapping's job).
     */
    public Transformed apply(String resource, String sourceNamespace, ObjectNode object) {
        if (rules.isEmpty()) {
            return new Transformed(object, null, List.of());
        }
        String ref = ref(resource, object);
        // every condition sees the object as it was before any rule changed it: decide them all first
        List<ModifierRule> matching = new ArrayList<>(2);
        for (int i = 0; i < rules.size(); i++) {
            ModifierRule rule = rules.get(i);
            if (rule.when().matches(resource, sourceNamespace, object)) {
                matched.incrementAndGet(i);
                if (rule.patch() instanceof Exclusion) {
                    excluded.add(ref + ": left out by " + rule.name());
                    return new Transformed(null, rule.name(), List.of());
                }
                matching.add(rule);
            }
        }
        ObjectNode current = object;
        List<RuleChange> changes = new ArrayList<>();
        for (ModifierRule rule : matching) {
            ObjectNode after;
            try {
                after = rule.patch().apply(resource, current); // patches return a new object, leaving current as it is
            } catch (RuntimeException e) {
                throw new TransformException("transform rule " + rule.name() + " failed on " + ref + ": " + message(resource, e), e);
            }
            if (after == null) {
                continue;
            }
            if (!after.path("metadata").path("name").equals(current.path("metadata").path("name"))
                    || !after.path("metadata").path("namespace").equals(current.path("metadata").path("namespace"))) {
                throw new TransformException("transform rule " + rule.name() + " changes the name or namespace of " + ref
                        + ": refused (the namespace mapping places objects; a renamed object would not be the backup's)");
            }
            FieldChange.between(resource, current, after).forEach(c -> changes.add(RuleChange.of(rule.name(), c)));
            current = after;
        }
        if (!changes.isEmpty()) {
            changed.add(new TransformSummary.ChangedObject(ref, List.copyOf(changes)));
        }
        return new Transformed(current, null, changes);
    }

    /** What the rules did so far; a rule that matched no object is a warning. */
    public TransformSummary summary() {
        List<TransformSummary.RuleUse> uses = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            ModifierRule r = rules.get(i);
            uses.add(new TransformSummary.RuleUse(r.name(), r.when().toString(), r.patch().describe(), matched.get(i)));
            if (matched.get(i) == 0) {
                warnings.add("transform rule " + r.name() + " (" + r.when() + ") matched no object");
            }
        }
        List<TransformSummary.ChangedObject> objects = new ArrayList<>(changed);
        objects.sort(Comparator.comparing(TransformSummary.ChangedObject::object));
        List<String> out = new ArrayList<>(excluded);
        out.sort(null);
        return new TransformSummary(uses, objects, out, warnings);
    }

    private static String ref(String resource, ObjectNode object) {
        String ns = object.path("metadata").path("namespace").asText("");
        return resource + " " + (ns.isEmpty() ? "" : ns + "/") + object.path("metadata").path("name").asText();
    }

    /** The failure, without values for a Secret (a library's message may quote them). */
    private static String message(String resource, RuntimeException e) {
        if (resource.equals(io.jenkins.plugins.k8sbackup.kube.WellKnownTypes.SECRETS) && !(e instanceof TransformException)) {
            return e.getClass().getSimpleName() + " (details hidden: a Secret's values may be in them)";
        }
        return e.getMessage();
    }
}
