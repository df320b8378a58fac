/**
 * The user that common official images start as, for the kubelet's `runAsNonRoot` check.
 *
 * With `runAsNonRoot: true` and no `runAsUser`, the kubelet reads the image's USER and refuses to start the
 * container unless it is a numeric, non-zero uid (kubelet `verifyRunAsNonRoot`, pkg/kubelet/kuberuntime/
 * security_context_others.go: "container has runAsNonRoot and image will run as root", "container has
 * runAsNonRoot and image has non-numeric user (%s), cannot verify user is non-root"). The engine cannot
 * pull images, so it knows only this table: the Docker official images whose Dockerfiles set no USER (they
 * run as root, many dropping privileges in their entrypoint, which the kubelet cannot see) or a named one.
 * Every tag of these repositories behaves the same way; an image not in the table stays a warning.
 */

import { parseImageReference } from './image-reference';

/** How an image's USER makes the kubelet refuse it under `runAsNonRoot` without a uid. */
export type ImageUser = { readonly kind: 'root' } | { readonly kind: 'named'; readonly user: string };

/** Official images without a USER: they run as root (the entrypoint may drop privileges later). */
const ROOT_IMAGES = [
  'alpine', 'amazonlinux', 'busybox', 'centos', 'debian', 'eclipse-temurin', 'fedora', 'golang', 'httpd', 'mariadb',
  'mongo', 'mysql', 'nginx', 'node', 'openjdk', 'php', 'postgres', 'python', 'rabbitmq', 'redis', 'ruby', 'tomcat', 'ubuntu',
];

/** Official images whose USER is a name: the kubelet cannot tell whether it is root. */
const NAMED_USER_IMAGES: Readonly<Record<string, string>> = {
  // haproxy 2.4 and later set USER haproxy; older tags run as root, which is refused as well.
  haproxy: 'haproxy',
  memcached: 'memcache',
};

/** The Docker Hub prefixes that name the official ("library") images. */
const LIBRARY_PREFIXES = ['docker.io/library/', 'index.docker.io/library/', 'registry-1.docker.io/library/', 'docker.io/', 'library/'];

/**
 * The official image an image reference names, without tag or digest (`docker.io/library/nginx:1.25` is
 * `nginx`), or undefined for an image of another registry or namespace.
 */
export function officialImageName(image: string): string | undefined {
  let { name } = parseImageReference(image);
  const prefix = LIBRARY_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) name = name.slice(prefix.length);
  return /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name) ? name : undefined;
}

/** The user the image starts as, when the table knows it. */
export function knownImageUser(image: string): ImageUser | undefined {
  const name = officialImageName(image);
  if (name === undefined) return undefined;
  if (ROOT_IMAGES.includes(name)) return { kind: 'root' };
  const user = NAMED_USER_IMAGES[name];
  return user === undefined ? undefined : { kind: 'named', user };
}

/** The table, for the README (checked against it in a test). */
export const KNOWN_IMAGE_USERS: ReadonlyArray<readonly [image: string, user: string]> = [
  ...ROOT_IMAGES.map((image) => [image, 'root'] as const),
  ...Object.entries(NAMED_USER_IMAGES).map(([image, user]) => [image, user] as const),
].sort((a, b) => a[0].localeCompare(b[0]));
