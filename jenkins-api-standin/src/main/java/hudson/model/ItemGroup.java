package hudson.model;

import java.util.Collection;

public interface ItemGroup<T extends Item> {
    Collection<T> getItems();
}
