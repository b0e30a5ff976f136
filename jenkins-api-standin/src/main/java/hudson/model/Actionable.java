package hudson.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public abstract class Actionable {
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    public Actionable() {
    }

    public void addAction(Action a) {
        actions.add(a);
    }

    public void replaceAction(Action a) {
        actions.removeIf(x -> x.getClass() == a.getClass());
        actions.add(a);
    }

    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
