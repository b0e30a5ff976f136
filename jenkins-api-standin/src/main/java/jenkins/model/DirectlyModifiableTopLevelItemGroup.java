package jenkins.model;

import hudson.model.Item;
import hudson.model.ItemGroup;

/**
 * Stand-in: only the type. Upstream the Jenkins root and cloudbees-folder's {@code Folder} implement it (items are
 * created in them by hand); computed folders (multibranch projects, organization folders) do not.
 */
public interface DirectlyModifiableTopLevelItemGroup extends ItemGroup<Item> {
}
