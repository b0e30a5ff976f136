package io.jenkins.plugins.k8sbackup.jenkins.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Form binding as Stapler's {@code RequestImpl.bindJSON} does it, for the shapes the steps use (the stand-in has no
 * Stapler): the {@code @DataBoundConstructor} from the members named like its parameters, then the
 * {@code @DataBoundSetter} of every other member. A JSON array binds to a list, a single string to the parameter's
 * type, and a string for a list to a one-item list; a map has no binding ("Unable to convert"), as in Stapler.
 */
public final class StaplerLikeBinding {
    private StaplerLikeBinding() {}

    public static <T> T bind(Class<T> type, JSONObject form) {
        try {
            Constructor<?> ctor = null;
            for (Constructor<?> c : type.getConstructors()) {
                if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                    ctor = c;
                }
            }
            if (ctor == null) {
                throw new IllegalArgumentException(type + " has no @DataBoundConstructor");
            }
            Set<String> used = new HashSet<>();
            Parameter[] params = ctor.getParameters();
            Object[] args = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                used.add(params[i].getName());
                args[i] = convert(params[i].getType(), form.get(params[i].getName()));
            }
            T bean = type.cast(ctor.newInstance(args));
            for (Object key : form.keySet()) {
                String name = (String) key;
                if (used.contains(name)) {
                    continue;
                }
                Method setter = setter(type, name);
                if (setter != null) {
                    setter.invoke(bean, convert(setter.getParameterTypes()[0], form.get(name)));
                }
            }
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot bind " + type, e.getCause() != null ? e.getCause() : e);
        }
    }

    private static Method setter(Class<?> type, String name) {
        String wanted = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method m : type.getMethods()) {
            if (m.getName().equals(wanted) && m.getParameterCount() == 1 && m.isAnnotationPresent(DataBoundSetter.class)) {
                return m;
            }
        }
        return null;
    }

    private static Object convert(Class<?> target, Object value) {
        if (List.class.isAssignableFrom(target)) {
            List<Object> out = new ArrayList<>();
            if (value instanceof JSONArray array) {
                for (int i = 0; i < array.size(); i++) {
                    out.add(String.valueOf(array.get(i)));
                }
            } else if (value != null) {
                out.add(String.valueOf(value));
            }
            return value == null ? null : out;
        }
        if (Map.class.isAssignableFrom(target) && value != null) {
            throw new IllegalArgumentException("Unable to convert to " + target);
        }
        if (value == null) {
            return target == boolean.class ? false : target == int.class ? 0 : target == double.class ? 0.0 : null;
        }
        String text = String.valueOf(value).strip();
        if (target == int.class || target == Integer.class) {
            return Integer.parseInt(text);
        }
        if (target == double.class || target == Double.class) {
            return Double.parseDouble(text);
        }
        if (target == boolean.class || target == Boolean.class) {
            return Boolean.parseBoolean(text);
        }
        return value;
    }
}
