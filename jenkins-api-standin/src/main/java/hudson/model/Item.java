package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    Permission CONFIGURE = StandInPermissions.of("hudson.model.Item.Configure");
    Permission EXTENDED_READ = StandInPermissions.of("hudson.model.Item.ExtendedRead");
    Permission BUILD = StandInPermissions.of("hudson.model.Item.Build");

    String getFullName();
}
