package io.jenkins.plugins.k8sbackup.jenkins.util;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns engine results into what a sandboxed Pipeline can hold and read without script approvals:
 * LinkedHashMap, ArrayList, String, Number, Boolean. Anything else becomes its string form.
 */
public final class PipelineValues {
    private PipelineValues() {}

    public static Map<String, Object> plainMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
        return out;
    }

    public static List<Object> plainList(Collection<?> list) {
        List<Object> out = new ArrayList<>();
        list.forEach(v -> out.add(plain(v)));
        return out;
    }

    public static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double) {
            return v;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            return plainMap(m);
        }
        if (v instanceof Collection<?> c) {
            return plainList(c);
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof TemporalAccessor t) {
            return t.toString();
        }
        return v.toString();
    }
}
