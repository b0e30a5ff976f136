package net.sf.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Stand-in: a plain ordered map of the members the plugin reads and writes. */
public final class JSONObject {
    private final Map<String, Object> members = new LinkedHashMap<>();

    public JSONObject() {
    }

    public Object get(Object key) {
        return members.get(key);
    }

    public Object opt(String key) {
        return members.get(key);
    }

    public boolean containsKey(Object key) {
        return members.containsKey(key);
    }

    public Object put(String key, Object value) {
        return members.put(key, value);
    }

    public Object remove(String key) {
        return members.remove(key);
    }

    public Set keySet() {
        return members.keySet();
    }

    public int size() {
        return members.size();
    }
}
