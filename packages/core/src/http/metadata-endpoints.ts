/**
 * Cloud metadata and platform endpoints: they hand the machine's credentials, user data or host
 * channel to any process on it that asks, so a token request must never reach one unless the
 * operator names it. Addresses and names as each provider documents them (looked up 2026-12):
 * several sit outside link-local space, where no range check would catch them.
 */
export const METADATA_ADDRESSES: readonly string[] = [
  "169.254.169.254", // AWS, GCP, Azure, Oracle, DigitalOcean, Hetzner, OpenStack, IBM, Linode...
  "169.254.170.2", // AWS ECS task credentials
  "169.254.170.23", // AWS EKS Pod Identity agent
  "169.254.0.23", // Tencent Cloud
  "169.254.42.42", // Scaleway
  "168.63.129.16", // Azure WireServer: public address space
  "100.100.100.200", // Alibaba Cloud: shared address space (100.64.0.0/10)
  "192.0.0.192", // Oracle Cloud Classic: IETF protocol assignments (192.0.0.0/24)
  "fd00:ec2::254", // AWS IMDS over IPv6
  "fd00:ec2::23", // AWS EKS Pod Identity agent over IPv6
  "fd20:ce::254", // GCP, IPv6-only instances
  "fd00:42::42", // Scaleway over IPv6
  "fd00:a9fe:a9fe::1", // Linode (Akamai) over IPv6
];

/** Refused with every name below them too (`x.metadata.google.internal`). */
export const METADATA_HOST_NAMES: readonly string[] = [
  "metadata.google.internal", // GCP
  "metadata.goog", // GCP
  "metadata", // GCP's short name, through the instance's DNS search path
  "instance-data", // AWS, through the search path
  "instance-data.ec2.internal", // AWS
  "metadata.azure.com", // carried by SSRF lists; Azure documents only the address
  "metadata.tencentyun.com", // Tencent Cloud
  "api.metadata.cloud.ibm.com", // IBM Cloud VPC (the only form over https)
  "metadata.exoscale.com", // Exoscale
  "metadata.platformequinix.com", // Equinix Metal: a public address that answers by caller
  "metadata.packet.net", // Equinix Metal's former name
];

export function isMetadataHostName(name: string): boolean {
  return METADATA_HOST_NAMES.some((listed) => name === listed || name.endsWith(`.${listed}`));
}
