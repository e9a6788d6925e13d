// The mount point rules are shared with the built-in broker connector (packages/egress).
export { TENANT_ROOT, INTERNAL_USERNAME, mountPrefix, mountTopic, unmountTopic } from "@tidewire/egress";
