import { readFileSync } from 'fs';
import * as path from 'path';
import { KNOWN_IMAGE_USERS, knownImageUser, officialImageName } from '../../src/checks/image-users';

describe('officialImageName', () => {
  test.each([
    ['nginx', 'nginx'],
    ['nginx:1.25.3', 'nginx'],
    ['nginx:1.25.3-alpine', 'nginx'],
    ['nginx@sha256:' + 'a'.repeat(64), 'nginx'],
    ['nginx:1.25.3@sha256:' + 'a'.repeat(64), 'nginx'],
    ['library/nginx:1.25.3', 'nginx'],
    ['docker.io/nginx:1.25.3', 'nginx'],
    ['docker.io/library/nginx:1.25.3', 'nginx'],
    ['index.docker.io/library/eclipse-temurin:21-jre', 'eclipse-temurin'],
  ])('%s names the official image %s', (image, name) => {
    expect(officialImageName(image)).toBe(name);
  });

  test.each([
    'nginxinc/nginx-unprivileged:1.25.3', 'docker.io/bitnami/redis:7.2', 'registry.example.com/nginx:1.25.3',
    'localhost:5000/nginx:1.25.3', 'quay.io/prometheus/busybox:latest', 'NGINX:1.25.3', '',
  ])('%s is not an official image', (image) => {
    expect(officialImageName(image)).toBeUndefined();
  });
});

describe('knownImageUser', () => {
  test('knows root images, named users and nothing else', () => {
    expect(knownImageUser('debian:12.5')).toEqual({ kind: 'root' });
    expect(knownImageUser('memcached:1.6.27')).toEqual({ kind: 'named', user: 'memcache' });
    expect(knownImageUser('elasticsearch:8.13.0')).toBeUndefined();
  });
});

test('docs/security.md lists exactly the table of known image users', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
  const section = readme.slice(readme.indexOf('| Official image (any tag'));
  const rows = [...section.slice(0, section.indexOf('\n\n')).matchAll(/^ {2}\| `([a-z0-9.-]+)` \| (?:root|the named user `([a-z0-9]+)`) \|$/gm)]
    .map((m) => [m[1], m[2] ?? 'root']);
  expect(rows).toEqual(KNOWN_IMAGE_USERS.map(([image, user]) => [image, user]));
});
