package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

public abstract class StepDescriptor extends Descriptor<Step> {
    public StepDescriptor() {
    }

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    /**
     * Stand-in: binds through the {@code @DataBoundConstructor} (by parameter name) and same-named
     * {@code @DataBoundSetter}s, passing each value unconverted (the real one coerces through structs).
     */
    @Deprecated
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        Map<String, Object> rest = new HashMap<>(arguments);
        Step step = null;
        for (Constructor<?> c : clazz.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                Parameter[] params = c.getParameters();
                Object[] values = new Object[params.length];
                for (int i = 0; i < params.length; i++) {
                    values[i] = rest.remove(params[i].getName());
                }
                step = (Step) c.newInstance(values);
            }
        }
        if (step == null) {
            throw new IllegalArgumentException(clazz.getName() + " has no @DataBoundConstructor");
        }
        for (Map.Entry<String, Object> argument : rest.entrySet()) {
            String setter = "set" + Character.toUpperCase(argument.getKey().charAt(0)) + argument.getKey().substring(1);
            Method bound = null;
            for (Method m : clazz.getMethods()) {
                if (m.getName().equals(setter) && m.getParameterCount() == 1 && m.isAnnotationPresent(DataBoundSetter.class)) {
                    bound = m;
                }
            }
            if (bound == null) {
                throw new IllegalArgumentException("WARNING: Unknown parameter(s) found for class type '" + clazz.getName() + "': " + argument.getKey());
            }
            bound.invoke(step, argument.getValue());
        }
        return step;
    }
}
