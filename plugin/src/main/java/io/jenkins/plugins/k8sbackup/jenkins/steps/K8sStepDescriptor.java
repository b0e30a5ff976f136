package io.jenkins.plugins.k8sbackup.jenkins.steps;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k8sbackup.jenkins.config.StorageArgument;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.TextListFields;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jenkins.authentication.tokens.api.AuthenticationTokens;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuth;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/** Shared by the steps' descriptors: name, required context and the credential lists of the Snippet Generator. */
public abstract class K8sStepDescriptor extends StepDescriptor {
    private final String functionName;
    private final String displayName;
    private final boolean needsWorkspace;

    /** A step whose work runs on the agent holding the workspace, so it must run inside {@code node}. */
    protected K8sStepDescriptor(String functionName, String displayName) {
        this(functionName, displayName, true);
    }

    /** {@code needsWorkspace = false}: the step works on the controller itself and may run outside {@code node}. */
    protected K8sStepDescriptor(String functionName, String displayName, boolean needsWorkspace) {
        this.functionName = functionName;
        this.displayName = displayName;
        this.needsWorkspace = needsWorkspace;
    }

    /** The Snippet Generator's binding, with list and map parameters read from their textareas (TextListFields). */
    @Override
    public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
        return TextListFields.bind(clazz, formData, form -> super.newInstance(req, form));
    }

    /** For config.jelly: a list or map value as its textarea text. */
    public String text(Object value) {
        return TextListFields.text(value);
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return needsWorkspace ? Set.of(Run.class, TaskListener.class, FilePath.class) : Set.of(Run.class, TaskListener.class);
    }

    /**
     * Accepts {@code storage: 'prod-backups'} as well as {@code storage: location('prod-backups')}, and refuses a
     * parameter the step does not have. workflow-cps calls this override, when a descriptor has one, instead of
     * binding through structs with the build's listener; structs then only logs unknown parameters to the system
     * log (it throws only in unit tests), so a misspelt {@code existingResourcePolicy} would silently mean the default.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        Set<String> known = parameterNames();
        List<String> unknown = arguments.keySet().stream().filter(k -> !k.startsWith("$") && !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(functionName + " has no parameter " + String.join(", ", unknown)
                    + "; its parameters are " + String.join(", ", new TreeSet<>(known)));
        }
        return super.newInstance(StorageArgument.namedLocationsResolved(arguments));
    }

    /** The @DataBoundConstructor's parameter names and the properties of the @DataBoundSetters. */
    private Set<String> parameterNames() {
        Set<String> names = new HashSet<>();
        for (Constructor<?> c : clazz.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    names.add(p.getName());
                }
            }
        }
        for (Method m : clazz.getMethods()) {
            String n = m.getName();
            if (m.isAnnotationPresent(DataBoundSetter.class) && n.startsWith("set") && n.length() > 3) {
                names.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
            }
        }
        return names;
    }

    /** Kubernetes credentials: whatever kubernetes-credentials can turn into cluster access. */
    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                                                 @QueryParameter String serverUrl) {
        return Forms.credentialItems(item, credentialsId, AuthenticationTokens.matcher(KubernetesAuth.class), serverUrl);
    }

    /** Encryption keys: secret text (key or passphrase) or secret file (key). */
    @POST
    public ListBoxModel doFillEncryptionCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String encryptionCredentialsId) {
        return Forms.credentialItems(item, encryptionCredentialsId, CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(StringCredentials.class), CredentialsMatchers.instanceOf(FileCredentials.class)));
    }

    @POST
    public FormValidation doCheckServerUrl(@AncestorInPath Item item, @QueryParameter String value) {
        if (!Forms.canConfigure(item) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        if (value.strip().startsWith("http://")) {
            return FormValidation.warning("http:// sends the credential in clear text; use https://");
        }
        return value.strip().startsWith("https://") ? FormValidation.ok() : FormValidation.error("Use an https:// URL");
    }
}
