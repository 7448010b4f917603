package dev.omniarchitect.kinds.compose;

import dev.omniarchitect.validation.document.AllowedKeys;
import java.util.Set;

/** The keys the Compose Specification defines, at the top level and in a service. */
final class ComposeKeys {

    static final AllowedKeys TOP_LEVEL = new AllowedKeys(Set.of("version", "name", "include", "services",
            "networks", "volumes", "secrets", "configs", "models"), "x-");

    static final AllowedKeys SERVICE = new AllowedKeys(Set.of("annotations", "attach", "build", "blkio_config",
            "cpu_count", "cpu_percent", "cpu_shares", "cpu_period", "cpu_quota", "cpu_rt_runtime", "cpu_rt_period",
            "cpus", "cpuset", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command", "configs",
            "container_name", "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules", "devices",
            "dns", "dns_opt", "dns_search", "domainname", "driver_opts", "entrypoint", "env_file", "environment",
            "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck", "hostname",
            "image", "init", "ipc", "isolation", "labels", "label_file", "links", "logging", "mac_address",
            "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode", "networks",
            "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop",
            "privileged", "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only", "restart",
            "runtime", "scale", "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period",
            "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket", "user",
            "userns_mode", "uts", "volumes", "volumes_from", "working_dir"), "x-");

    private ComposeKeys() {
    }
}
