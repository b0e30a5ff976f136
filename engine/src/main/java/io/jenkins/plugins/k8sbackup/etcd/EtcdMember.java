package io.jenkins.plugins.k8sbackup.etcd;

import java.util.List;

/** One member of the etcd cluster, as the member list reports it; {@code id} is hex like etcdctl prints it. */
public record EtcdMember(String id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {}
