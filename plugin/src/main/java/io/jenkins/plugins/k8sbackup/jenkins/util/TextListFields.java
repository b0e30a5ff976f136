package io.jenkins.plugins.k8sbackup.jenkins.util;

import hudson.model.Descriptor.FormException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Form fields for list- and map-valued parameters ({@code List<String>}, {@code Map<String, String>}): a textarea
 * with one item a line, or one {@code key=value} a line. Stapler binds a JSON array to a list but a textarea sends
 * one string (which it would bind as a one-item list) and it has no binding for maps, so the descriptor's
 * {@code newInstance} turns list text into arrays and sets maps through their {@code @DataBoundSetter} itself. An empty
 * textbox of an optional number or true/false parameter means "not given" too, as in a Pipeline script.
 */
public final class TextListFields {
    private TextListFields() {}

    /** A binder as {@code Descriptor.newInstance}'s default: form data in, instance out. */
    @FunctionalInterface
    public interface Binder<T> {
        T bind(JSONObject form) throws FormException;
    }

    /**
     * Binds {@code form} to {@code type} through {@code binder}, with the text of its list parameters split into lines
     * and its map parameters parsed and set afterwards. An empty text means "not given" (the parameter keeps its
     * default); a map line without {@code =} is refused with the field named.
     */
    public static <T> T bind(Class<?> type, JSONObject form, Binder<T> binder) throws FormException {
        Map<Method, Map<String, String>> maps = new LinkedHashMap<>();
        for (String name : listParameters(type)) {
            if (form.get(name) instanceof String text) {
                if (text.isBlank()) {
                    form.remove(name);
                } else {
                    JSONArray items = new JSONArray();
                    lines(text).forEach(items::add);
                    form.put(name, items);
                }
            }
        }
        for (Method setter : mapSetters(type)) {
            String name = property(setter);
            if (form.get(name) instanceof String text) {
                form.remove(name);
                if (!text.isBlank()) {
                    maps.put(setter, pairs(name, text));
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getParameterCount() == 1
                    && m.getParameterTypes()[0] != String.class && form.get(property(m)) instanceof String text
                    && text.isBlank()) {
                form.remove(property(m));
            }
        }
        T bound = binder.bind(form);
        for (Map.Entry<Method, Map<String, String>> e : maps.entrySet()) {
            try {
                e.getKey().invoke(bound, e.getValue());
            } catch (IllegalAccessException | InvocationTargetException x) {
                Throwable cause = x.getCause() != null ? x.getCause() : x;
                throw new FormException(property(e.getKey()) + ": " + cause.getMessage(), cause, property(e.getKey()));
            }
        }
        return bound;
    }

    /** The textarea text of a list or map value: one item, or one {@code key=value}, a line; "" for none. */
    public static String text(Object value) {
        StringJoiner out = new StringJoiner("\n");
        if (value instanceof Iterable<?> items) {
            items.forEach(i -> out.add(String.valueOf(i)));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.add(k + "=" + v));
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out.toString();
    }

    /** Names of the {@code List<String>} parameters (constructor and setters) of {@code type}. */
    public static List<String> listParameters(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    if (isStringsOf(p.getParameterizedType(), List.class)) {
                        names.add(p.getName());
                    }
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getParameterCount() == 1
                    && isStringsOf(m.getGenericParameterTypes()[0], List.class)) {
                names.add(property(m));
            }
        }
        return names;
    }

    /** The {@code @DataBoundSetter}s of {@code type} taking a {@code Map<String, String>}. */
    public static List<Method> mapSetters(Class<?> type) {
        List<Method> setters = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getParameterCount() == 1
                    && isStringsOf(m.getGenericParameterTypes()[0], Map.class)) {
                setters.add(m);
            }
        }
        return setters;
    }

    private static boolean isStringsOf(Type type, Class<?> raw) {
        if (!(type instanceof ParameterizedType p) || p.getRawType() != raw) {
            return false;
        }
        for (Type arg : p.getActualTypeArguments()) {
            if (arg != String.class) {
                return false;
            }
        }
        return true;
    }

    private static String property(Method setter) {
        String n = setter.getName().substring(3);
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private static Map<String, String> pairs(String field, String text) throws FormException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(text)) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new FormException(field + ": '" + line + "' is not key=value (one pair a line)", field);
            }
            out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return out;
    }
}
