package net.sf.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Stand-in: a plain list of the elements the plugin adds. */
public final class JSONArray {
    private final List<Object> elements = new ArrayList<>();

    public JSONArray() {
    }

    public boolean add(Object value) {
        return elements.add(value);
    }

    public Object get(int index) {
        return elements.get(index);
    }

    public Iterator iterator() {
        return elements.iterator();
    }

    public int size() {
        return elements.size();
    }
}
