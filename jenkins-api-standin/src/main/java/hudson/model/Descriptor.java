package hudson.model;

import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

/** Stand-in: no persistence; {@link #save()} only counts calls. */
public abstract class Descriptor<T extends Describable<T>> {
    public final Class<? extends T> clazz;
    private int saves;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        Class<?> outer = getClass().getEnclosingClass();
        this.clazz = (Class<? extends T>) (outer != null ? outer : getClass());
    }

    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    /** Stand-in: binds as Stapler does, through {@link StaplerRequest2#bindJSON(Class, JSONObject)}. */
    public T newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
        return req.bindJSON(clazz, formData);
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        return true;
    }

    public hudson.security.Permission getRequiredGlobalConfigPagePermission() {
        return jenkins.model.Jenkins.ADMINISTER;
    }

    public void save() {
        saves++;
    }

    public void load() {
    }

    int saveCount() {
        return saves;
    }

    public static final class FormException extends Exception implements HttpResponse {
        private static final long serialVersionUID = 1L;

        public FormException(String message, String field) {
            super(message);
        }

        public FormException(String message, Throwable cause, String field) {
            super(message, cause);
        }
    }
}
