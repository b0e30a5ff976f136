package io.jenkins.plugins.k8sbackup.jenkins.hooks;

import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.TextListFields;
import java.io.Serializable;
import java.util.List;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * What backup and restore exec hooks have in common: which pods (a pod name or a label selector in a namespace),
 * which container, which command (an argv list, no shell unless you call one), and what a failure does.
 */
public abstract class ExecHook<T extends ExecHook<T>> implements Describable<T>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String namespace;
    private final List<String> command;
    private String podName;
    private String labelSelector;
    private String container;
    private String onError;

    protected ExecHook(String name, String namespace, List<String> command) {
        this.name = Forms.trimToNull(name);
        this.namespace = Forms.trimToNull(namespace);
        this.command = command == null ? List.of() : List.copyOf(command);
    }

    public String getName() {
        return name;
    }

    public String getNamespace() {
        return namespace;
    }

    public List<String> getCommand() {
        return command;
    }

    public String getPodName() {
        return podName;
    }

    @DataBoundSetter
    public void setPodName(String podName) {
        this.podName = Forms.trimToNull(podName);
    }

    public String getLabelSelector() {
        return labelSelector;
    }

    @DataBoundSetter
    public void setLabelSelector(String labelSelector) {
        this.labelSelector = Forms.trimToNull(labelSelector);
    }

    public String getContainer() {
        return container;
    }

    /** Default: the pod's first container. */
    @DataBoundSetter
    public void setContainer(String container) {
        this.container = Forms.trimToNull(container);
    }

    public String getOnError() {
        return onError;
    }

    /** 'Continue' or 'Fail'; the default is Velero's: Fail for backup hooks, Continue for restore hooks. */
    @DataBoundSetter
    public void setOnError(String onError) {
        this.onError = Forms.trimToNull(onError);
    }

    /** The hooks' descriptor: the command is a textarea, one argument a line (TextListFields). */
    public abstract static class HookDescriptor<T extends ExecHook<T>> extends Descriptor<T> {
        @Override
        public T newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return TextListFields.bind(clazz, formData, form -> super.newInstance(req, form));
        }

        /** For config.jelly: the command as its textarea text. */
        public String text(Object value) {
            return TextListFields.text(value);
        }
    }
}
