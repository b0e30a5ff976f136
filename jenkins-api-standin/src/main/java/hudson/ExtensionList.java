package hudson;

import java.lang.reflect.Constructor;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in: a process-wide registry instead of Jenkins' extension finder. {@link #lookupSingleton} creates
 * a missing singleton with its no-argument constructor, as {@code @Extension} loading would.
 */
public class ExtensionList<T> extends AbstractList<T> {
    static final List<Object> REGISTRY = new CopyOnWriteArrayList<>();

    private final List<T> items;

    private ExtensionList(List<T> items) {
        this.items = items;
    }

    public static <T> ExtensionList<T> lookup(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Object o : REGISTRY) {
            if (type.isInstance(o)) {
                found.add(type.cast(o));
            }
        }
        return new ExtensionList<>(found);
    }

    public static <U> U lookupSingleton(Class<U> type) {
        ExtensionList<U> all = lookup(type);
        if (all.size() > 1) {
            throw new IllegalStateException("expected one instance of " + type.getName() + ", found " + all.size());
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        try {
            Constructor<U> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            U created = c.newInstance();
            REGISTRY.add(created);
            return created;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    @Override
    public T get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
