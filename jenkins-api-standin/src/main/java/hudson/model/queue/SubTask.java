package hudson.model.queue;

import hudson.model.ModelObject;

public interface SubTask extends ModelObject {
}
