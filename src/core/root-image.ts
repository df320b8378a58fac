import { kplus } from './cdk8s-plus';

/**
 * The explicit opt-out for images that need root.
 *
 * cdk8s-plus (and so every container these patterns create) runs containers as non-root, with a read-only
 * root filesystem and no privilege escalation. Many public images cannot start that way: the official
 * `nginx`, `debian` and Tomcat images run as root and write to their root filesystem (pid files, caches,
 * logs). Rather than weakening the defaults for everyone, a container that needs root says so where it is
 * defined, with these values, and the choice is visible in code review and in the YAML.
 */
export class RootImage {
  /**
   * Container security context for an image that runs as root and writes to its root filesystem.
   * Privilege escalation stays off and the container stays unprivileged.
   */
  public static containerSecurityContext(): kplus.ContainerSecurityContextProps {
    return { ensureNonRoot: false, readOnlyRootFilesystem: false, allowPrivilegeEscalation: false, privileged: false };
  }

  /**
   * Pod security context for a pod with such a container: cdk8s-plus sets `runAsNonRoot: true` on the pod
   * too, which would contradict the container's choice.
   */
  public static podSecurityContext(): kplus.PodSecurityContextProps {
    return { ensureNonRoot: false };
  }

  private constructor() {}
}
