package io.jenkins.plugins.k8sbackup.jenkins.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;

/** The secret values inside a kubeconfig (tokens, passwords, client keys), so that logs can mask them. */
final class KubeconfigSecrets {
    private KubeconfigSecrets() {}

    static List<String> of(String kubeconfig) {
        List<String> out = new ArrayList<>();
        Config config;
        try {
            config = Serialization.unmarshal(kubeconfig, Config.class);
        } catch (RuntimeException unreadable) {
            // The engine reports unreadable kubeconfigs without echoing them; nothing to collect here.
            return out;
        }
        if (config == null || config.getUsers() == null) {
            return out;
        }
        for (NamedAuthInfo user : config.getUsers()) {
            AuthInfo a = user.getUser();
            if (a != null) {
                out.add(a.getToken());
                out.add(a.getPassword());
                out.add(a.getClientKeyData());
            }
        }
        return out;
    }
}
